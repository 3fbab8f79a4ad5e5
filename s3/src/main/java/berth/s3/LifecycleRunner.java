package berth.s3;

import berth.platform.RecordTable.Versioned;
import berth.s3.core.Bucket;
import berth.s3.core.LifecycleDecisions;
import berth.s3.core.ObjectEntry;
import berth.s3.core.Upload;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the lifecycle loop: every bucket's rules decided against every object's versions and
 * every incomplete upload now ({@link LifecycleDecisions}), and the decisions applied: current
 * versions expired (deleted, or hidden behind a delete marker when versioned), noncurrent versions
 * and lone delete markers removed, uploads aborted, each with its {@code s3:LifecycleExpiration}
 * event. A pass re-reads everything, so a missed wake-up or a restart only delays it.
 */
final class LifecycleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleRunner.class);

    private final S3Records records;
    private final ObjectChanges changes;
    private final Consumer<Versioned<Upload>> abort;
    private final Clock clock;
    private final Duration interval;

    LifecycleRunner(S3Records records, ObjectChanges changes, Consumer<Versioned<Upload>> abort, Clock clock, Duration interval) {
        this.records = records;
        this.changes = changes;
        this.abort = abort;
        this.clock = clock;
        this.interval = interval;
    }

    /** Applies every rule now; returns how many versions and uploads it removed. */
    int applyAll() {
        int applied = 0;
        Instant now = clock.instant();
        for (Bucket bucket : records.buckets()) {
            if (bucket.lifecycle().isEmpty()) continue;
            for (ObjectEntry entry : records.allEntries(bucket.name())) {
                for (LifecycleDecisions.Action action : LifecycleDecisions.decide(bucket.lifecycle(), entry, now)) {
                    Optional<String> version = switch (action) {
                        case LifecycleDecisions.ExpireCurrent current -> Optional.empty();
                        case LifecycleDecisions.ExpireVersion noncurrent -> Optional.of(noncurrent.versionId());
                        case LifecycleDecisions.RemoveMarker marker -> Optional.of(marker.versionId());
                    };
                    if (changes.delete(bucket, entry.key(), version, ObjectChanges.Origin.LIFECYCLE, true).happened()) applied++;
                }
            }
            for (Upload upload : records.uploads(bucket.name())) {
                if (LifecycleDecisions.abortsUpload(bucket.lifecycle(), upload.key(), upload.initiated(), now)) {
                    records.upload(bucket.name(), upload.uploadId()).ifPresent(abort);
                    applied++;
                }
            }
        }
        if (applied > 0) LOG.info("lifecycle rules expired {} versions and uploads", applied);
        return applied;
    }

    Instant pass() {
        applyAll();
        return clock.instant().plus(interval);
    }
}
