package berth.store.embedded;

import berth.store.StoredRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live records in address order. Readers take the read lock; only the commit writer changes the
 * index, under the write lock and one whole commit batch at a time, so a reader never sees part of a
 * commit. The writer reads without locking (nothing else changes the map).
 *
 * <p>Values handed out are copies: a caller changing an array must not change the store.
 */
final class RecordIndex {
    /** Rough per-record cost beyond kind, key and value, for comparing the live data with the log. */
    private static final int RECORD_OVERHEAD_BYTES = 48;

    private final TreeMap<RecordAddress, StoredRecord> records = new TreeMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long liveBytes;

    Optional<StoredRecord> get(String kind, String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(records.get(new RecordAddress(kind, key))).map(RecordIndex::copy);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<StoredRecord> list(String kind, String keyPrefix) {
        List<StoredRecord> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (StoredRecord record : records.tailMap(new RecordAddress(kind, keyPrefix), true).values()) {
                if (!record.kind().equals(kind) || !record.key().startsWith(keyPrefix)) break;
                found.add(copy(record));
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    List<StoredRecord> all() {
        lock.readLock().lock();
        try {
            return records.values().stream().map(RecordIndex::copy).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies committed changes in order (a deleted record removes its address). */
    void apply(List<StoredRecord> changes) {
        lock.writeLock().lock();
        try {
            applyUnlocked(changes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies changes while no other thread can see the index yet (during recovery). */
    void applyUnlocked(List<StoredRecord> changes) {
        for (StoredRecord change : changes) {
            RecordAddress address = new RecordAddress(change.kind(), change.key());
            StoredRecord previous = change.deleted() ? records.remove(address) : records.put(address, change);
            if (previous != null) liveBytes -= sizeOf(previous);
            if (!change.deleted()) liveBytes += sizeOf(change);
        }
    }

    /** The live record at {@code address}, or null; for the commit writer only. */
    StoredRecord writerGet(RecordAddress address) {
        return records.get(address);
    }

    /** Addresses of live records whose kind starts with {@code kindPrefix}; for the commit writer only. */
    List<RecordAddress> writerAddressesOfKinds(String kindPrefix) {
        Map<RecordAddress, StoredRecord> from = records.tailMap(new RecordAddress(kindPrefix, ""), true);
        List<RecordAddress> found = new ArrayList<>();
        for (RecordAddress address : from.keySet()) {
            if (!address.kind().startsWith(kindPrefix)) break;
            found.add(address);
        }
        return found;
    }

    /** The live records themselves, for writing a snapshot; for the commit writer only. */
    Collection<StoredRecord> writerRecords() {
        return records.values();
    }

    long liveBytes() {
        return liveBytes;
    }

    private static long sizeOf(StoredRecord record) {
        return record.kind().length() + record.key().length() + record.value().length + RECORD_OVERHEAD_BYTES;
    }

    private static StoredRecord copy(StoredRecord record) {
        return new StoredRecord(record.kind(), record.key(), record.version(), record.value().clone(), false);
    }
}
