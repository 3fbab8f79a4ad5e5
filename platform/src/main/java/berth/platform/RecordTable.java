package berth.platform;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import berth.store.Write;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Records of one kind in the store, as core records of one type written with one {@link RecordJson},
 * addressed by a key function: the store skeleton every module's state room builds on.
 */
public final class RecordTable<T> {
    private final Store store;
    private final RecordJson json;
    private final String kind;
    private final Class<T> type;
    private final Function<T, String> keyOf;

    public RecordTable(Store store, String kind, Class<T> type, Function<T, String> keyOf) {
        this(store, kind, type, keyOf, RecordJson.STANDARD);
    }

    public RecordTable(Store store, String kind, Class<T> type, Function<T, String> keyOf, RecordJson json) {
        this.store = store;
        this.json = json;
        this.kind = kind;
        this.type = type;
        this.keyOf = keyOf;
    }

    /** A record with the version it was read at, for compare-and-set writes. */
    public record Versioned<T>(T value, long version) {}

    public String kind() {
        return kind;
    }

    public String keyOf(T value) {
        return keyOf.apply(value);
    }

    public Optional<Versioned<T>> find(String key) {
        return store.get(kind, key).map(r -> new Versioned<>(json.read(r.value(), type), r.version()));
    }

    /** Records whose key starts with {@code prefix}, in key order. */
    public List<T> list(String prefix) {
        return store.list(kind, prefix).stream().map(StoredRecord::value).map(v -> json.read(v, type)).toList();
    }

    public List<Versioned<T>> listVersioned(String prefix) {
        return store.list(kind, prefix).stream().map(r -> new Versioned<>(json.read(r.value(), type), r.version())).toList();
    }

    public Write put(T value, long expectedVersion) {
        return Write.put(kind, keyOf.apply(value), json.write(value), expectedVersion);
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

    /**
     * Applies {@code change} with compare-and-set, re-reading on conflicts; empty when the record does
     * not exist. {@code change} may run more than once and may throw to refuse.
     */
    public Optional<T> update(String key, UnaryOperator<T> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<T>> current = find(key);
            if (current.isEmpty()) return Optional.empty();
            T changed = change.apply(current.get().value());
            try {
                save(changed, current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= 20) throw conflict;
            }
        }
    }
}
