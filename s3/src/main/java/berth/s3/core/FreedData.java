package berth.s3.core;

import java.time.Instant;
import java.util.List;

/**
 * Data files no object or part references any more, written in the same commit that dropped them;
 * deleted after a grace period so reads that found them just before keep going.
 */
public record FreedData(String id, List<String> dataIds, Instant freedAt) {
    public FreedData {
        dataIds = List.copyOf(dataIds);
    }
}
