package berth.s3;

import berth.platform.RecordTable.Versioned;
import berth.s3.core.FreedData;
import berth.s3.core.ObjectEntry;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Part;
import berth.s3.core.Bucket;
import berth.s3.data.ObjectData;
import berth.s3.state.S3Records;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees object bytes: data files dropped by a commit ({@link FreedData}) are deleted once
 * {@code grace} has passed (reads that found them just before have opened them by then), and at start
 * every data file that no object version, part or pending free names is deleted (left by a crash
 * between writing the bytes and committing the record), as are parts whose upload is gone.
 */
final class DataSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(DataSweeper.class);

    private final S3Records records;
    private final ObjectData data;
    private final Clock clock;
    private final Duration grace;

    DataSweeper(S3Records records, ObjectData data, Clock clock, Duration grace) {
        this.records = records;
        this.data = data;
        this.clock = clock;
        this.grace = grace;
    }

    Instant pass() {
        Instant now = clock.instant();
        Instant next = now.plus(Duration.ofHours(1));
        for (Versioned<FreedData> freed : records.freedData()) {
            Instant due = freed.value().freedAt().plus(grace);
            if (due.isAfter(now)) {
                if (due.isBefore(next)) next = due;
                continue;
            }
            try {
                for (String dataId : freed.value().dataIds()) data.delete(dataId);
                records.forgetFreed(freed.value(), freed.version());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot free data {}: {}", freed.value().id(), e.toString());
            }
        }
        return next;
    }

    /** Removes data files and parts nothing references; run before requests are served. */
    void sweepOrphans() throws IOException {
        Set<String> uploads = new HashSet<>();
        records.allUploads().forEach(u -> uploads.add(u.uploadId()));
        Set<String> referenced = new HashSet<>();
        for (Bucket bucket : records.buckets()) {
            for (ObjectEntry entry : records.allEntries(bucket.name())) {
                for (ObjectVersion version : entry.versions()) referenced.addAll(version.dataIds());
            }
        }
        for (Part part : records.allParts()) {
            if (uploads.contains(part.uploadId())) {
                referenced.add(part.dataId());
            } else {
                records.part(part.uploadId(), part.number()).ifPresent(p ->
                        records.commit(java.util.List.of(records.deletePart(p.value(), p.version()))));
            }
        }
        records.freedData().forEach(f -> referenced.addAll(f.value().dataIds()));
        int removed = 0;
        for (ObjectData.Stored stored : data.stored()) {
            if (!referenced.contains(stored.dataId())) {
                data.delete(stored.dataId());
                removed++;
            }
        }
        if (removed > 0) LOG.info("removed {} data files no object referenced", removed);
    }
}
