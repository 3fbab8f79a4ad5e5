package berth.s3;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Object events of every bucket (created, removed, expired by lifecycle, tagged), for modules that
 * route them on (EventBridge): published by the S3 module, {@code platform.lookup(BucketEvents.class)}.
 * Events are delivered at least once, in the order they were committed, after the change is durable.
 */
public interface BucketEvents {

    /**
     * One event.
     *
     * @param eventName S3's name, e.g. {@code s3:ObjectCreated:Put}
     * @param versionId empty for unversioned objects
     * @param eventBridgeEnabled whether the bucket's notification configuration sends its events to EventBridge
     * @param record the S3 event record ({@code {"eventVersion":"2.1","eventSource":"aws:s3",…}}) as queues receive it
     */
    record ObjectEvent(String eventName, String bucket, String bucketOwner, String region, String key, long size,
                       String etag, String versionId, String sequencer, Instant time, String requester, String requestId,
                       String sourceIp, boolean eventBridgeEnabled, String record) {}

    /** Something subscribed; closing ends the subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Calls {@code listener} for every event committed from now on. A listener that throws gets the
     * event again later (with those after it), so it must be idempotent per event.
     */
    Subscription subscribe(Consumer<ObjectEvent> listener);

    /** Whether any module listens (a bucket may then turn on EventBridge delivery). */
    boolean subscribed();
}
