package berth.s3.state;

import berth.platform.RecordCodec;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.s3.core.Bucket;
import berth.s3.core.EventNotice;
import berth.s3.core.FreedData;
import berth.s3.core.ObjectEntry;
import berth.s3.core.Part;
import berth.s3.core.Upload;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * S3's records in the store. Buckets are global (kind {@code s3.bucket}, key the name); an object's
 * versions are one record (kind {@code s3.object}, key {@code bucket/objectKey}, so a bucket's keys
 * list in S3's order under {@code bucket/}); multipart uploads ({@code s3.upload},
 * {@code bucket/uploadId}) and their parts ({@code s3.part}, {@code uploadId/NNNNN}) apart, so parts
 * uploaded at once do not contend; freed data ({@code s3.freed}) and undelivered events
 * ({@code s3.event}) keyed by time, oldest first.
 */
public final class S3Records {
    public static final String BUCKETS = "s3.bucket";
    public static final String OBJECTS = "s3.object";
    public static final String UPLOADS = "s3.upload";
    public static final String PARTS = "s3.part";
    public static final String FREED = "s3.freed";
    public static final String EVENTS = "s3.event";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final RecordTable<Bucket> buckets;
    private final RecordTable<ObjectEntry> objects;
    private final RecordCodec<ObjectEntry> objectCodec = RecordJson.STANDARD.codec(ObjectEntry.class);
    private final RecordTable<Upload> uploads;
    private final RecordTable<Part> parts;
    private final RecordTable<FreedData> freed;
    private final RecordTable<EventNotice> events;

    public S3Records(Store store) {
        this.store = store;
        this.buckets = new RecordTable<>(store, BUCKETS, Bucket.class, Bucket::name).reusingReads(4096);
        this.objects = new RecordTable<>(store, OBJECTS, objectCodec, e -> e.bucket() + "/" + e.key());
        this.uploads = new RecordTable<>(store, UPLOADS, Upload.class, u -> u.bucket() + "/" + u.uploadId());
        this.parts = new RecordTable<>(store, PARTS, Part.class, p -> p.uploadId() + "/" + String.format("%05d", p.number()));
        this.freed = new RecordTable<>(store, FREED, FreedData.class, FreedData::id);
        this.events = new RecordTable<>(store, EVENTS, EventNotice.class, EventNotice::id);
    }

    /** A key for records listed oldest first: milliseconds, then random hex. */
    public static String timeKey(Instant at) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return String.format("%013d-%s", at.toEpochMilli(), HexFormat.of().formatHex(bytes));
    }

    public void commit(List<Write> writes) {
        store.commit(writes);
    }

    // buckets
    public Optional<Versioned<Bucket>> bucket(String name) {
        return buckets.find(name);
    }

    public List<Bucket> buckets() {
        return buckets.list("");
    }

    public Write putBucket(Bucket bucket, long version) {
        return buckets.put(bucket, version);
    }

    public Write deleteBucket(String name, long version) {
        return buckets.delete(name, version);
    }

    // objects
    public Optional<Versioned<ObjectEntry>> object(String bucket, String key) {
        return objects.find(bucket + "/" + key);
    }

    /** The keys of a bucket with {@code prefix}, in S3's order. */
    public List<String> keys(String bucket, String prefix) {
        String base = bucket + "/";
        List<String> keys = new ArrayList<>();
        for (StoredRecord record : store.list(OBJECTS, base + prefix)) keys.add(record.key().substring(base.length()));
        return keys;
    }

    /** A bucket's entries with {@code prefix}, parsed, in S3's order. */
    public List<ObjectEntry> entries(String bucket, String prefix) {
        return objects.list(bucket + "/" + prefix);
    }

    public boolean hasObjects(String bucket) {
        return !store.list(OBJECTS, bucket + "/").isEmpty();
    }

    public Write putObject(ObjectEntry entry, long version) {
        return objects.put(entry, version);
    }

    public Write deleteObject(ObjectEntry entry, long version) {
        return objects.delete(objects.keyOf(entry), version);
    }

    // uploads and parts
    public Optional<Versioned<Upload>> upload(String bucket, String uploadId) {
        return uploads.find(bucket + "/" + uploadId);
    }

    public List<Upload> uploads(String bucket) {
        return uploads.list(bucket + "/");
    }

    public List<Upload> allUploads() {
        return uploads.list("");
    }

    public Write putUpload(Upload upload, long version) {
        return uploads.put(upload, version);
    }

    public Write deleteUpload(Upload upload, long version) {
        return uploads.delete(uploads.keyOf(upload), version);
    }

    public List<Versioned<Part>> parts(String uploadId) {
        return parts.listVersioned(uploadId + "/");
    }

    public List<Part> allParts() {
        return parts.list("");
    }

    public Optional<Versioned<Part>> part(String uploadId, int number) {
        return parts.find(uploadId + "/" + String.format("%05d", number));
    }

    public Write putPart(Part part, long version) {
        return parts.put(part, version);
    }

    public Write deletePart(Part part, long version) {
        return parts.delete(parts.keyOf(part), version);
    }

    // freed data and events
    public Write freed(FreedData data) {
        return freed.put(data, Store.ABSENT);
    }

    public List<Versioned<FreedData>> freedData() {
        return freed.listVersioned("");
    }

    public void forgetFreed(FreedData data, long version) {
        freed.remove(data.id(), version);
    }

    public Write event(EventNotice notice) {
        return events.put(notice, Store.ABSENT);
    }

    public List<Versioned<EventNotice>> pendingEvents() {
        return events.listVersioned("");
    }

    public void delivered(EventNotice notice, long version) {
        events.remove(notice.id(), version);
    }

    /** Every object entry of every bucket, for the lifecycle loop and the sweep of unreferenced data. */
    public List<ObjectEntry> allEntries(String bucket) {
        return objects.list(bucket + "/");
    }
}
