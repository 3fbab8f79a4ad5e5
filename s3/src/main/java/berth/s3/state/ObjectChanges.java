package berth.s3.state;

import berth.platform.RecordTable.Versioned;
import berth.s3.core.Bucket;
import berth.s3.core.EventNames;
import berth.s3.core.EventNotice;
import berth.s3.core.FreedData;
import berth.s3.core.Notifications;
import berth.s3.core.ObjectEntry;
import berth.s3.core.ObjectVersion;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every change to an object's versions, each one commit: the key's record (compare-and-set, retried
 * on conflict), the data it frees ({@link FreedData}), the event notice its bucket's notifications
 * ask for, and whatever else the change ends (a completed upload's records).
 */
public final class ObjectChanges {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._";

    private final S3Records records;
    private final Clock clock;
    private final AtomicLong sequencer;

    public ObjectChanges(S3Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
        this.sequencer = new AtomicLong(clock.millis() * 1_000_000L);
    }

    /** Who caused a change, for its event. */
    public record Origin(String principalId, String requestId, String sourceIp) {
        public static final Origin LIFECYCLE = new Origin("AmazonS3", "", "s3.amazonaws.com");
    }

    /** A fresh version id: 32 characters, as S3's are. */
    public static String newVersionId() {
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < 32; i++) out.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        return out.toString();
    }

    /** The id a new version of this bucket gets: a fresh one while versioning is enabled, else {@code null}. */
    public static String versionIdFor(Bucket bucket) {
        return bucket.versioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    }

    /**
     * Makes {@code version} the key's current version.
     *
     * @param precondition sees the current version before the write and may throw to refuse it
     * @param extra more writes of the same commit, built once the write is decided
     */
    public void put(Bucket bucket, String key, ObjectVersion version, String eventName, Origin origin,
                    Consumer<Optional<ObjectVersion>> precondition, Supplier<List<Write>> extra) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<ObjectEntry>> found = records.object(bucket.name(), key);
            ObjectEntry entry = found.map(Versioned::value).orElse(new ObjectEntry(bucket.name(), key, List.of()));
            precondition.accept(entry.live());
            ObjectEntry.Change change = entry.put(version);
            List<Write> writes = new ArrayList<>();
            writes.add(records.putObject(change.entry(), found.map(Versioned::version).orElse(Store.ABSENT)));
            freed(change.freedData()).ifPresent(writes::add);
            notice(bucket, key, version, eventName, origin).ifPresent(writes::add);
            writes.addAll(extra.get());
            try {
                records.commit(writes);
                return;
            } catch (VersionConflict raced) {
                if (attempt >= 20) throw raced;
            }
        }
    }

    /** What a delete did: whether it created a delete marker, and the version id it created or removed. */
    public record Deletion(boolean deleteMarker, String versionId, boolean happened) {}

    /**
     * Deletes a key as S3 does: without a version id, removes the {@code null} version of an
     * unversioned bucket or puts a delete marker in a versioned one; with one, removes that version.
     */
    public Deletion delete(Bucket bucket, String key, Optional<String> versionId, Origin origin, boolean lifecycle) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<ObjectEntry>> found = records.object(bucket.name(), key);
            ObjectEntry entry = found.map(Versioned::value).orElse(new ObjectEntry(bucket.name(), key, List.of()));
            long expected = found.map(Versioned::version).orElse(Store.ABSENT);
            Instant now = clock.instant();
            ObjectEntry.Change change;
            Deletion deletion;
            String event;
            if (versionId.isPresent()) {
                Optional<ObjectVersion> target = entry.version(versionId.get());
                if (target.isEmpty()) return new Deletion(false, versionId.get(), false);
                change = entry.remove(versionId.get());
                deletion = new Deletion(target.get().deleteMarker(), versionId.get(), true);
                event = lifecycle ? EventNames.LIFECYCLE_DELETE : EventNames.REMOVED_DELETE;
            } else if (bucket.versioning().isEmpty()) {
                if (entry.version(ObjectVersion.NULL_VERSION).isEmpty()) return new Deletion(false, "", false);
                change = entry.remove(ObjectVersion.NULL_VERSION);
                deletion = new Deletion(false, "", true);
                event = lifecycle ? EventNames.LIFECYCLE_DELETE : EventNames.REMOVED_DELETE;
            } else {
                String id = bucket.versioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
                change = entry.put(ObjectVersion.deleteMarker(id, now, bucket.accountId()));
                deletion = new Deletion(true, id, true);
                event = lifecycle ? EventNames.LIFECYCLE_MARKER : EventNames.REMOVED_MARKER;
            }
            List<Write> writes = new ArrayList<>();
            writes.add(change.entry().versions().isEmpty() ? records.deleteObject(entry, expected)
                    : records.putObject(change.entry(), expected));
            freed(change.freedData()).ifPresent(writes::add);
            ObjectVersion subject = change.dropped().isEmpty()
                    ? ObjectVersion.deleteMarker(deletion.versionId(), now, bucket.accountId()) : change.dropped().get(0);
            ObjectVersion reported = deletion.deleteMarker() && versionId.isEmpty()
                    ? ObjectVersion.deleteMarker(deletion.versionId(), now, bucket.accountId()) : subject;
            notice(bucket, key, reported, event, origin).ifPresent(writes::add);
            try {
                records.commit(writes);
                return deletion;
            } catch (VersionConflict raced) {
                if (attempt >= 20) throw raced;
            }
        }
    }

    /** Changes one stored version in place (tags), with its event. */
    public void replace(Bucket bucket, String key, String versionId, java.util.function.UnaryOperator<ObjectVersion> change,
                        String eventName, Origin origin) {
        for (int attempt = 0; ; attempt++) {
            Versioned<ObjectEntry> found = records.object(bucket.name(), key).orElseThrow();
            ObjectVersion changed = change.apply(found.value().version(versionId).orElseThrow());
            List<Write> writes = new ArrayList<>();
            writes.add(records.putObject(found.value().replace(changed), found.version()));
            notice(bucket, key, changed, eventName, origin).ifPresent(writes::add);
            try {
                records.commit(writes);
                return;
            } catch (VersionConflict raced) {
                if (attempt >= 20) throw raced;
            }
        }
    }

    public Optional<Write> freed(List<String> dataIds) {
        if (dataIds.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        return Optional.of(records.freed(new FreedData(S3Records.timeKey(now), dataIds, now)));
    }

    private Optional<Write> notice(Bucket bucket, String key, ObjectVersion version, String eventName, Origin origin) {
        Notifications config = bucket.notifications();
        List<EventNotice.Destination> destinations = config.targets(eventName, key).stream()
                .map(t -> new EventNotice.Destination(t.id(), t.queueArn())).toList();
        if (destinations.isEmpty() && !config.eventBridge()) return Optional.empty();
        Instant now = clock.instant();
        String versionId = version.versionId().equals(ObjectVersion.NULL_VERSION) ? "" : version.versionId();
        EventNotice notice = new EventNotice(S3Records.timeKey(now), eventName, bucket.name(), bucket.accountId(),
                bucket.region(), key, version.size(), version.etag().replace("\"", ""), versionId,
                String.format("%016X", sequencer.incrementAndGet()), now, origin.principalId(), origin.requestId(),
                origin.sourceIp(), destinations, config.eventBridge());
        return Optional.of(records.event(notice));
    }
}
