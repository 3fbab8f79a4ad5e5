package berth.sqs.journal;

import berth.sqs.core.Message;
import berth.sqs.core.QueueState;

/**
 * One change to the messages of a queue (named by the queue's {@code storageId}), as the journal keeps
 * it. Each record states the outcome, never the request, so replaying records decides nothing.
 */
public sealed interface JournalRecord {
    String storageId();

    /** A message entered the queue, visible from {@code visibleAt}; {@code dedupKey} is remembered (FIFO). */
    record Sent(String storageId, Message message, long visibleAt, String dedupKey) implements JournalRecord {}

    /** A message was handed out: its receive count, when it is visible again, its first receive, its receipt. */
    record Received(String storageId, String messageId, int receiveCount, long visibleAt, long firstReceiveAt, long receipt)
            implements JournalRecord {}

    /** An in-flight message's visibility was changed. */
    record Visibility(String storageId, String messageId, long visibleAt) implements JournalRecord {}

    /** A message left the queue (deleted, expired, or moved elsewhere). */
    record Removed(String storageId, String messageId) implements JournalRecord {}

    /** Every message left the queue. */
    record Purged(String storageId) implements JournalRecord {}

    /** The queue was deleted; nothing of it remains. */
    record Dropped(String storageId) implements JournalRecord {}

    /** A message's whole state, as a compacted journal starts. */
    record Restored(String storageId, QueueState.Snapshot snapshot) implements JournalRecord {}

    /** A deduplication id still remembered, as a compacted journal starts. */
    record Deduplicated(String storageId, QueueState.Dedup entry) implements JournalRecord {}
}
