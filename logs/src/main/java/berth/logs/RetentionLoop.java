package berth.logs;

import berth.logs.core.LogGroup;
import berth.logs.core.LogStream;
import berth.logs.core.Retention;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import berth.logs.storage.StreamClosedException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention for real: every pass re-reads all groups and deletes, from each stream of a group
 * with a retention period, the events stamped before its cutoff; it also removes the files of streams
 * whose records are gone (a crash between deleting a record and its files). Level-triggered: a pass
 * does whatever is due now, whatever happened before; a retention change wakes it early.
 */
final class RetentionLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionLoop.class);

    private final LogRecords records;
    private final LogStorage storage;
    private final Clock clock;
    private final Duration interval;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private final Thread thread;

    RetentionLoop(LogRecords records, LogStorage storage, Clock clock, Duration interval) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.interval = interval;
        this.thread = new Thread(this::run, "berth-logs-retention");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void wake() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (!running) return;
                pass();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("log retention pass failed; retrying on the next one", e);
            }
        }
    }

    /** One pass; returns the number of events deleted. */
    int pass() {
        int deleted = 0;
        long now = clock.millis();
        for (LogGroup group : records.allGroups()) {
            if (!group.expires()) continue;
            long cutoff = Retention.cutoff(group.retentionInDays(), now);
            for (LogStream stream : records.streams(group)) {
                try {
                    int expired = storage.stream(stream.storageId()).expire(cutoff);
                    if (expired > 0) {
                        LOG.info("retention deleted {} events from log stream {} of group {} (account {}, region {})",
                                expired, stream.name(), group.name(), group.accountId(), group.region());
                    }
                    deleted += expired;
                } catch (StreamClosedException gone) {
                    // deleted meanwhile: nothing left to expire
                } catch (java.io.IOException e) {
                    LOG.warn("cannot apply retention to log stream {}: {}", stream.name(), e.toString());
                }
            }
        }
        sweepOrphans();
        return deleted;
    }

    private void sweepOrphans() {
        try {
            Set<String> stored = new HashSet<>(storage.storedIds());
            if (stored.isEmpty()) return;
            for (LogStream stream : records.allStreams()) stored.remove(stream.storageId());
            for (String orphan : stored) {
                storage.delete(orphan);
                LOG.info("removed the files of deleted log stream storage {}", orphan);
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot sweep deleted log streams' files: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
