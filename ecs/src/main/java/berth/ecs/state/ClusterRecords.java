package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.Cluster;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Clusters in the store, kind {@code ecs.cluster}, key {@code account/region/name}. */
public final class ClusterRecords {
    public static final String KIND = "ecs.cluster";

    private final Store store;

    public ClusterRecords(Store store) {
        this.store = store;
    }

    /** A cluster together with the store version it was read at, for compare-and-set updates. */
    public record Versioned(Cluster cluster, long version) {}

    public Optional<Versioned> find(Scope scope, String name) {
        return store.get(KIND, key(scope, name))
                .map(r -> new Versioned(Records.read(r.value(), Cluster.class), r.version()));
    }

    public List<Cluster> list(Scope scope) {
        return store.list(KIND, scope.prefix()).stream()
                .map(StoredRecord::value)
                .map(v -> Records.read(v, Cluster.class))
                .toList();
    }

    /** Writes {@code cluster} if the stored version is still {@code expectedVersion}. */
    public void save(Cluster cluster, long expectedVersion) {
        store.put(KIND, key(cluster.scope(), cluster.name()), Records.write(cluster), expectedVersion);
    }

    /**
     * Applies {@code change} to a stored cluster with compare-and-set, re-reading and retrying on
     * conflicts; empty when the cluster does not exist. {@code change} may run more than once.
     */
    public Optional<Cluster> update(Scope scope, String name, UnaryOperator<Cluster> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned> current = find(scope, name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Cluster changed = change.apply(current.get().cluster());
            try {
                save(changed, current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= 20) {
                    throw conflict;
                }
            }
        }
    }

    private static String key(Scope scope, String name) {
        return scope.key(name);
    }
}
