package berth.sqs;

import berth.sqs.core.Queue;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One pass of the retention loop: removes every message older than its queue's
 * {@code MessageRetentionPeriod}, and drops the messages of storage ids whose queue no longer exists
 * (a queue deleted while berth was down, or between its record's removal and its drop).
 */
final class MessageRetention {
    private final QueueRecords records;
    private final MessageBook book;
    private final Clock clock;
    private final Duration interval;

    MessageRetention(QueueRecords records, MessageBook book, Clock clock, Duration interval) {
        this.records = records;
        this.book = book;
        this.clock = clock;
        this.interval = interval;
    }

    Instant pass() {
        long now = clock.millis();
        Set<String> live = new HashSet<>();
        for (Queue queue : records.all()) {
            live.add(queue.storageId());
            long cutoff = now - queue.settings().messageRetentionPeriod() * 1000L;
            List<String> expired = book.withQueue(queue.storageId(), state -> state.expiredBefore(cutoff));
            if (!expired.isEmpty()) book.deleteAll(queue.storageId(), expired);
        }
        for (String storageId : book.storageIds()) {
            if (!live.contains(storageId)) book.drop(storageId);
        }
        return clock.instant().plus(interval);
    }
}
