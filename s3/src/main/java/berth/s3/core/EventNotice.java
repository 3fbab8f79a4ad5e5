package berth.s3.core;

import java.time.Instant;
import java.util.List;

/**
 * An object event waiting to be delivered: what happened, and to which queues (decided from the
 * bucket's configuration when it happened) and whether to EventBridge.
 *
 * @param sequencer orders events of one key, as S3's {@code sequencer} does (hex, fixed width)
 * @param principalId who caused it ({@code AWS:<id>}, or {@code AmazonS3} for lifecycle)
 */
public record EventNotice(String id, String eventName, String bucket, String bucketOwner, String region, String key,
                          long size, String etag, String versionId, String sequencer, Instant time, String principalId,
                          String requestId, String sourceIp, List<Destination> destinations, boolean eventBridge) {
    public EventNotice {
        destinations = List.copyOf(destinations);
    }

    /** One queue configuration the event goes to. */
    public record Destination(String configurationId, String queueArn) {}
}
