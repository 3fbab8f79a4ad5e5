package berth.sqs;

import java.util.List;
import java.util.Optional;

/**
 * How many messages each queue holds, for a metrics module (CloudWatch's
 * {@code ApproximateNumberOfMessagesVisible}, scaling on queue length). Published by the SQS module
 * ({@code platform.lookup(QueueDepths.class)}); also served as JSON on
 * {@code GET /_berth/sqs/depths} (SigV4-signed by a root identity).
 */
public interface QueueDepths {

    /**
     * One queue's counts now.
     *
     * @param oldestMessageAgeSeconds the age of the oldest message; 0 for an empty queue
     */
    record Depth(String queueArn, String queueName, String accountId, String region, long visible, long notVisible,
                 long delayed, long oldestMessageAgeSeconds) {}

    List<Depth> all();

    Optional<Depth> of(String queueArn);
}
