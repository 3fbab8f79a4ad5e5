package berth.s3.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multipart upload in progress: what the object will be once completed.
 *
 * @param checksumAlgorithm the algorithm its parts carry ({@code CRC32}, …); empty for none
 * @param checksumType {@code COMPOSITE} or {@code FULL_OBJECT}; empty without a checksum
 */
public record Upload(String bucket, String key, String uploadId, Instant initiated, String ownerAccount, String contentType,
                     Map<String, String> metadata, Map<String, String> headers, Map<String, String> tags,
                     String checksumAlgorithm, String checksumType, String storageClass) {
    public Upload {
        metadata = Map.copyOf(new TreeMap<>(metadata));
        headers = Map.copyOf(new TreeMap<>(headers));
        tags = Map.copyOf(new TreeMap<>(tags));
    }
}
