package berth.s3.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One uploaded part of a multipart upload, in its own data file; {@code etag} is quoted. */
public record Part(String uploadId, int number, long size, String etag, Instant lastModified, Map<String, String> checksums,
                   String dataId) {
    public Part {
        checksums = Map.copyOf(new TreeMap<>(checksums));
    }
}
