package berth.iam.state;

import berth.iam.core.RoleSession;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * STS role sessions in the store, kind {@code sts.session}, key the temporary access key id: durable,
 * so temporary credentials keep working across a restart until they expire.
 */
public final class SessionRecords {
    public static final String KIND = "sts.session";

    private final Store store;
    private final Runnable changed;
    private final RecordTable<RoleSession> table;

    public SessionRecords(Store store, Runnable changed) {
        this.store = store;
        this.changed = changed;
        this.table = new RecordTable<>(store, KIND, RoleSession.class, RoleSession::accessKeyId);
    }

    public void create(RoleSession session) {
        table.save(session, Store.ABSENT);
    }

    public Optional<RoleSession> find(String accessKeyId) {
        return table.find(accessKeyId).map(RecordTable.Versioned::value);
    }

    /** Removes sessions that expired before {@code cutoff}; returns how many. */
    public int deleteExpiredBefore(Instant cutoff) {
        List<Write> deletes = new ArrayList<>();
        for (RecordTable.Keyed<RoleSession> stored : table.listKeyed("")) {
            if (stored.value().expiration().isBefore(cutoff)) {
                deletes.add(table.delete(stored.key(), stored.version()));
            }
            if (deletes.size() == 500) {
                break;
            }
        }
        if (deletes.isEmpty()) {
            return 0;
        }
        try {
            store.commit(deletes);
        } catch (VersionConflict conflict) {
            return 0;
        } finally {
            changed.run();
        }
        return deletes.size();
    }
}
