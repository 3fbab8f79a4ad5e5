package berth.s3;

import berth.store.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import berth.s3.core.Bucket;
import berth.s3.core.LifecycleRule;
import berth.s3.core.ObjectEntry;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Upload;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import berth.store.Store;
import berth.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle rules applied to stored objects as time passes on an injected clock: current versions
 * expire (deleted, or behind a delete marker when versioned), noncurrent versions and lone delete
 * markers go, incomplete uploads are aborted, each on the midnight UTC S3 rounds its days up to.
 */
class LifecycleRunnerTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(START);

    @Test
    void unversionedObjectsExpireAndUploadsAbortOnTheMidnightAfterTheirDays() {
        try (Store store = Stores.open("", dir)) {
            S3Records records = new S3Records(store);
            ObjectChanges changes = new ObjectChanges(records, clock);
            LifecycleRule expireTmp = rule("tmp", "tmp/", 1, 0, false, 2);
            Bucket bucket = bucket(records, "logs", "", List.of(expireTmp));
            put(changes, bucket, "tmp/a", ObjectVersion.NULL_VERSION);
            put(changes, bucket, "keep/b", ObjectVersion.NULL_VERSION);
            records.commit(List.of(records.putUpload(new Upload("logs", "tmp/u", "up-1", START, "1", "", Map.of(), Map.of(),
                    Map.of(), "", "", "STANDARD"), Store.ABSENT)));
            List<String> aborted = new ArrayList<>();
            LifecycleRunner runner = new LifecycleRunner(records, changes, u -> aborted.add(u.value().uploadId()), clock,
                    Duration.ofMinutes(5));

            clock.set(Instant.parse("2026-01-02T23:59:59Z"));
            assertThat(runner.applyAll()).as("a day after creation, but before the midnight it rounds up to").isZero();
            assertThat(records.object("logs", "tmp/a")).isPresent();

            clock.set(Instant.parse("2026-01-03T00:00:00Z"));
            assertThat(runner.applyAll()).isEqualTo(1);
            assertThat(records.object("logs", "tmp/a")).isEmpty();
            assertThat(records.object("logs", "keep/b")).as("outside the rule's prefix").isPresent();
            assertThat(aborted).isEmpty();

            clock.set(Instant.parse("2026-01-04T00:00:00Z"));
            assertThat(runner.applyAll()).isEqualTo(1);
            assertThat(aborted).containsExactly("up-1");
            assertThat(runner.pass()).as("the next pass is an interval later").isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void versionedObjectsGetADeleteMarkerThenLoseNoncurrentVersionsThenTheLoneMarker() {
        try (Store store = Stores.open("", dir)) {
            S3Records records = new S3Records(store);
            ObjectChanges changes = new ObjectChanges(records, clock);
            Bucket bucket = bucket(records, "docs", Bucket.ENABLED, List.of(rule("current", "", 1, 0, false, 0),
                    rule("noncurrent", "", 0, 1, false, 0), rule("markers", "", 0, 0, true, 0)));
            put(changes, bucket, "report", ObjectChanges.newVersionId());
            clock.set(START.plus(Duration.ofHours(2)));
            String v2 = ObjectChanges.newVersionId();
            put(changes, bucket, "report", v2);
            LifecycleRunner runner = new LifecycleRunner(records, changes, u -> { }, clock, Duration.ofMinutes(5));

            clock.set(Instant.parse("2026-01-02T23:00:00Z"));
            assertThat(runner.applyAll()).isZero();

            clock.set(Instant.parse("2026-01-03T00:00:00Z"));
            assertThat(runner.applyAll()).as("v2 expires behind a marker, v1 has been noncurrent a day").isEqualTo(2);
            ObjectEntry entry = records.object("docs", "report").orElseThrow().value();
            assertThat(entry.versions()).hasSize(2);
            assertThat(entry.versions().get(0).deleteMarker()).isTrue();
            assertThat(entry.versions().get(1).versionId()).isEqualTo(v2);

            clock.set(Instant.parse("2026-01-03T23:59:00Z"));
            assertThat(runner.applyAll()).as("v2 noncurrent only since the marker").isZero();
            clock.set(Instant.parse("2026-01-04T00:00:00Z"));
            assertThat(runner.applyAll()).isEqualTo(1);
            assertThat(records.object("docs", "report").orElseThrow().value().versions())
                    .singleElement().satisfies(v -> assertThat(v.deleteMarker()).isTrue());
            assertThat(runner.applyAll()).as("the marker, alone now, is removed").isEqualTo(1);
            assertThat(records.object("docs", "report")).isEmpty();
            assertThat(runner.applyAll()).isZero();
        }
    }

    @Test
    void disabledRulesAndUnmatchedTagsLeaveObjectsAlone() {
        try (Store store = Stores.open("", dir)) {
            S3Records records = new S3Records(store);
            ObjectChanges changes = new ObjectChanges(records, clock);
            LifecycleRule off = new LifecycleRule("off", false, "", Map.of(), 0, 0, 1, "", false, 0, 0, 0);
            LifecycleRule tagged = new LifecycleRule("tagged", true, "", Map.of("class", "scratch"), 0, 0, 1, "", false, 0, 0, 0);
            Bucket bucket = bucket(records, "mixed", "", List.of(off, tagged));
            put(changes, bucket, "plain", ObjectVersion.NULL_VERSION);
            changes.put(bucket, "scratch", version(ObjectVersion.NULL_VERSION).withTags(Map.of("class", "scratch")), "ObjectCreated:Put",
                    ObjectChanges.Origin.LIFECYCLE, current -> { }, List::of);
            clock.set(START.plus(Duration.ofDays(30)));
            LifecycleRunner runner = new LifecycleRunner(records, changes, u -> { }, clock, Duration.ofMinutes(5));
            assertThat(runner.applyAll()).isEqualTo(1);
            assertThat(records.object("mixed", "plain")).isPresent();
            assertThat(records.object("mixed", "scratch")).isEmpty();
        }
    }

    private static LifecycleRule rule(String id, String prefix, int days, int noncurrentDays, boolean markers, int abortDays) {
        return new LifecycleRule(id, true, prefix, Map.of(), 0, 0, days, "", markers, noncurrentDays, 0, abortDays);
    }

    private Bucket bucket(S3Records records, String name, String versioning, List<LifecycleRule> rules) {
        Bucket bucket = Bucket.create(name, "1", "us-east-1", START).withVersioning(versioning).withLifecycle(rules);
        records.commit(List.of(records.putBucket(bucket, Store.ABSENT)));
        return bucket;
    }

    private ObjectVersion version(String versionId) {
        return new ObjectVersion(versionId, false, 5, "\"etag\"", clock.instant(), "text/plain", Map.of(), Map.of(), Map.of(), "",
                List.of(), List.of(), Map.of(), "STANDARD", "1");
    }

    private void put(ObjectChanges changes, Bucket bucket, String key, String versionId) {
        changes.put(bucket, key, version(versionId), "ObjectCreated:Put", ObjectChanges.Origin.LIFECYCLE, current -> { }, List::of);
    }

    /** A clock the test moves. */
}
