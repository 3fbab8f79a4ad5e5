package berth.platform;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import berth.store.Write;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Records of one kind in the store, as core records of one type written with one {@link RecordCodec},
 * addressed by a key function: the store skeleton every module's state room builds on. Writes are
 * compare-and-set on the version a record was read at; {@link #put} and {@link #delete} give the
 * writes of a commit that spans several tables.
 */
public final class RecordTable<T> {
    private final Store store;
    private final String kind;
    private final RecordCodec<T> codec;
    private final Function<T, String> keyOf;
    /** How many parsed records {@link #find} keeps for reuse; 0 keeps none. */
    private final int reusedReads;
    private final ConcurrentHashMap<String, Versioned<T>> parsed = new ConcurrentHashMap<>();

    public RecordTable(Store store, String kind, Class<T> type, Function<T, String> keyOf) {
        this(store, kind, type, keyOf, RecordJson.STANDARD);
    }

    public RecordTable(Store store, String kind, Class<T> type, Function<T, String> keyOf, RecordJson json) {
        this(store, kind, json.codec(type), keyOf);
    }

    public RecordTable(Store store, String kind, RecordCodec<T> codec, Function<T, String> keyOf) {
        this(store, kind, codec, keyOf, 0);
    }

    private RecordTable(Store store, String kind, RecordCodec<T> codec, Function<T, String> keyOf, int reusedReads) {
        this.store = store;
        this.kind = kind;
        this.codec = codec;
        this.keyOf = keyOf;
        this.reusedReads = reusedReads;
    }

    /**
     * A table of records whose key names an owner the record does not hold (a repository's tags are
     * keyed by the repository): they are written with {@link #put(String, Object, long)}.
     */
    public static <T> RecordTable<T> keyedByOwner(Store store, String kind, RecordCodec<T> codec) {
        return new RecordTable<>(store, kind, codec, value -> {
            throw new IllegalStateException(kind + " records are keyed by their owner: write them with put(key, value, version)");
        });
    }

    /**
     * This table, reusing the record {@link #find} parsed at a key while the key's version is
     * unchanged (versions never repeat), for records read on every call of a hot path. At most
     * {@code capacity} parsed records are kept.
     */
    public RecordTable<T> reusingReads(int capacity) {
        return new RecordTable<>(store, kind, codec, keyOf, capacity);
    }

    /** A record with the version it was read at, for compare-and-set writes. */
    public record Versioned<T>(T value, long version) {}

    /** A record with its key and the version it was read at, for tables whose keys the records do not hold. */
    public record Keyed<T>(String key, T value, long version) {}

    public String kind() {
        return kind;
    }

    public String keyOf(T value) {
        return keyOf.apply(value);
    }

    public Optional<Versioned<T>> find(String key) {
        return store.get(kind, key).map(r -> new Versioned<>(parse(r), r.version()));
    }

    /** Records whose key starts with {@code prefix}, in key order. */
    public List<T> list(String prefix) {
        return store.list(kind, prefix).stream().map(StoredRecord::value).map(codec::read).toList();
    }

    /**
     * The record with the greatest key under {@code prefix} that passes {@code test}, parsing from the
     * greatest key down only until one does: the latest of records whose keys sort in order (a
     * family's zero-padded revisions).
     */
    public Optional<Versioned<T>> findLast(String prefix, Predicate<T> test) {
        List<StoredRecord> records = store.list(kind, prefix);
        for (int i = records.size() - 1; i >= 0; i--) {
            T value = codec.read(records.get(i).value());
            if (test.test(value)) return Optional.of(new Versioned<>(value, records.get(i).version()));
        }
        return Optional.empty();
    }

    public List<Versioned<T>> listVersioned(String prefix) {
        return store.list(kind, prefix).stream().map(r -> new Versioned<>(codec.read(r.value()), r.version())).toList();
    }

    public List<Keyed<T>> listKeyed(String prefix) {
        return store.list(kind, prefix).stream().map(r -> new Keyed<>(r.key(), codec.read(r.value()), r.version())).toList();
    }

    public Write put(T value, long expectedVersion) {
        return put(keyOf.apply(value), value, expectedVersion);
    }

    public Write put(String key, T value, long expectedVersion) {
        return Write.put(kind, key, codec.write(value), expectedVersion);
    }

    public Write delete(String key, long expectedVersion) {
        return Write.delete(kind, key, expectedVersion);
    }

    /** Deletes the record now, if it is still at {@code expectedVersion}. */
    public void remove(String key, long expectedVersion) {
        store.commit(List.of(delete(key, expectedVersion)));
    }

    public void save(T value, long expectedVersion) {
        store.commit(List.of(put(value, expectedVersion)));
    }

    public void save(String key, T value, long expectedVersion) {
        store.commit(List.of(put(key, value, expectedVersion)));
    }

    /**
     * Applies {@code change} with compare-and-set, re-reading on conflicts, and writes the result at
     * the key it read; empty when the record does not exist. {@code change} may run more than once
     * and may throw to refuse.
     */
    public Optional<T> update(String key, UnaryOperator<T> change) {
        return update(key, change, false);
    }

    /**
     * As {@link #update}, but a {@code change} that returns a record equal to the one read writes
     * nothing: for records watched by control loops, which an unchanged write would wake for nothing.
     */
    public Optional<T> updateIfChanged(String key, UnaryOperator<T> change) {
        return update(key, change, true);
    }

    private Optional<T> update(String key, UnaryOperator<T> change, boolean skipUnchanged) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<T>> current = find(key);
            if (current.isEmpty()) return Optional.empty();
            T changed = change.apply(current.get().value());
            if (skipUnchanged && changed.equals(current.get().value())) return Optional.of(changed);
            try {
                save(key, changed, current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= 20) throw conflict;
            }
        }
    }

    private T parse(StoredRecord record) {
        if (reusedReads == 0) return codec.read(record.value());
        Versioned<T> cached = parsed.get(record.key());
        if (cached != null && cached.version() == record.version()) return cached.value();
        T value = codec.read(record.value());
        if (parsed.size() >= reusedReads) parsed.clear();
        parsed.put(record.key(), new Versioned<>(value, record.version()));
        return value;
    }
}
