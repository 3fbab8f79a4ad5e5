package berth.logs.storage;

import java.util.OptionalLong;

/**
 * What DescribeLogStreams reports about a stream's events.
 *
 * @param storedBytes the UTF-8 bytes of the stored messages
 */
public record StreamStats(int eventCount, OptionalLong firstEventTimestamp, OptionalLong lastEventTimestamp,
                          OptionalLong lastIngestionTime, long storedBytes) {
    public static final StreamStats EMPTY = new StreamStats(0, OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), 0);
}
