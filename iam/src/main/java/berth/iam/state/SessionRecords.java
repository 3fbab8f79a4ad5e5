package berth.iam.state;

import berth.iam.core.RoleSession;
import berth.store.Store;
import berth.store.StoredRecord;
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

    public SessionRecords(Store store, Runnable changed) {
        this.store = store;
        this.changed = changed;
    }

    public void create(RoleSession session) {
        store.put(KIND, session.accessKeyId(), Json.write(session), Store.ABSENT);
    }

    public Optional<RoleSession> find(String accessKeyId) {
        return store.get(KIND, accessKeyId).map(r -> Json.read(r.value(), RoleSession.class));
    }

    /** Removes sessions that expired before {@code cutoff}; returns how many. */
    public int deleteExpiredBefore(Instant cutoff) {
        List<Write> deletes = new ArrayList<>();
        for (StoredRecord record : store.list(KIND, "")) {
            RoleSession session = Json.read(record.value(), RoleSession.class);
            if (session.expiration().isBefore(cutoff)) {
                deletes.add(Write.delete(KIND, record.key(), record.version()));
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
        } catch (berth.store.VersionConflict conflict) {
            return 0;
        } finally {
            changed.run();
        }
        return deletes.size();
    }
}
