package berth.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable, versioned records: the one place berth keeps control-plane state.
 *
 * <p>A record is addressed by {@code kind} (e.g. {@code ecs.cluster}) and {@code key} (by convention
 * {@code account/region/name...}); its value is opaque bytes (JSON by convention). Every successful
 * write gives the record a new version, strictly greater than any version it had before, even across
 * a delete and re-create: versions come from one sequence per store, and all writes of one commit
 * share its version. Writes are compare-and-set on that version so controllers never lose updates.
 * A write that returned has been made durable.
 *
 * <p>Keys (and kinds) are ordered by Unicode code point, which is also the byte order of their UTF-8
 * form, so every adapter lists in the same order.
 */
public interface Store extends AutoCloseable {

    /** Expected version meaning "the record must not exist". */
    long ABSENT = 0L;
    /** Expected version meaning "write regardless of the current version". */
    long ANY = -1L;

    Optional<StoredRecord> get(String kind, String key);

    /** Records of {@code kind} whose key starts with {@code keyPrefix}, in key order. */
    List<StoredRecord> list(String kind, String keyPrefix);

    /**
     * Applies all writes atomically or none. Each write's {@code expectedVersion} is checked first
     * ({@link #ABSENT}, {@link #ANY}, or an exact version); on any mismatch nothing is written and
     * {@link VersionConflict} is thrown naming the first conflicting record. A commit may address a
     * record only once ({@link IllegalArgumentException} otherwise).
     *
     * @return the stored records after the commit, in the order of {@code writes} (a delete yields
     *     a record with {@code deleted() == true}; deleting a record that does not exist changes
     *     nothing and yields a deleted record of version {@link #ABSENT})
     * @throws StoreFailure when the store cannot write; see {@link StoreFailure} for what is known
     *     about the outcome
     */
    List<StoredRecord> commit(List<Write> writes) throws VersionConflict;

    /** Single-record compare-and-set put; returns the new record. */
    default StoredRecord put(String kind, String key, byte[] value, long expectedVersion) throws VersionConflict {
        return commit(List.of(Write.put(kind, key, value, expectedVersion))).get(0);
    }

    /** Single-record compare-and-set delete; deleting an absent record with {@link #ANY} is a no-op. */
    default void delete(String kind, String key, long expectedVersion) throws VersionConflict {
        commit(List.of(Write.delete(kind, key, expectedVersion)));
    }

    /**
     * Calls {@code listener} for every committed change to a record whose kind starts with
     * {@code kindPrefix} (empty for all), after the change is durable, in commit order per store,
     * on a delivery thread of the store (a listener may call back into the store).
     *
     * <p>Watching is level-triggered: a record that changes again before its earlier change is
     * delivered may be reported only at its later state, and an adapter backed by a server may miss
     * changes made while its connection was down. Listeners must not block; a controller typically
     * just wakes its loop, which re-reads.
     */
    Subscription watch(String kindPrefix, Consumer<Change> listener);

    /**
     * {@link #watch} of one kind only: a kind is also the prefix of longer kinds ({@code ecs.task} of
     * {@code ecs.taskdef}), whose changes this leaves out.
     */
    default Subscription watchKind(String kind, Consumer<Change> listener) {
        return watch(kind, change -> {
            if (change.record().kind().equals(kind)) listener.accept(change);
        });
    }

    /** Every live record of every kind, ordered by kind then key, for snapshots. */
    List<StoredRecord> scanAll();

    /**
     * Atomically removes every record whose kind starts with {@code kindPrefix} (empty for all);
     * watchers see each removal as a deleted record.
     */
    void clear(String kindPrefix);

    @Override
    void close();
}
