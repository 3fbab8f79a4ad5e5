package berth.secrets.manager;

import berth.platform.RecordTable.Versioned;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.state.SecretRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes secrets whose recovery window has passed. Level-triggered: each pass re-reads every secret
 * and deletes those due, so a pass missed while berth was down is made up by the next.
 */
public final class SecretDeletionLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretDeletionLoop.class);

    private final SecretRecords records;
    private final Clock clock;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    public SecretDeletionLoop(SecretRecords records, Clock clock, Duration interval) {
        this.records = records;
        this.clock = clock;
        this.interval = interval;
        this.thread = new Thread(this::run, "berth-secrets-deletion");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                pass();
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("secret deletion pass failed; retrying on the next one", e);
            }
        }
    }

    /** Deletes every secret due now; returns how many. */
    public int pass() {
        long now = clock.millis();
        int deleted = 0;
        for (Versioned<Secret> found : records.all()) {
            var secret = found.value();
            if (!secret.scheduledForDeletion() || secret.deletionMillis() > now) continue;
            try {
                records.delete(secret, found.version());
                deleted++;
                LOG.info("secret deleted at the end of its recovery window: {} (account {}, region {})", secret.name(),
                        secret.accountId(), secret.region());
            } catch (VersionConflict restoredMeanwhile) {
                // changed since read (restored, say): the next pass decides again
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
