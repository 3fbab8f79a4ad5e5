package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.Cluster;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Clusters in the store, kind {@code ecs.cluster}, key {@code account/region/name}. */
public final class ClusterRecords {
    public static final String KIND = "ecs.cluster";

    private final RecordTable<Cluster> table;

    public ClusterRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, Cluster.class, c -> key(c.scope(), c.name()));
    }

    public Optional<Versioned<Cluster>> find(Scope scope, String name) {
        return table.find(key(scope, name));
    }

    public List<Cluster> list(Scope scope) {
        return table.list(scope.prefix());
    }

    /** Writes {@code cluster} if the stored version is still {@code expectedVersion}. */
    public void save(Cluster cluster, long expectedVersion) {
        table.save(cluster, expectedVersion);
    }

    /**
     * Applies {@code change} to a stored cluster with compare-and-set, re-reading and retrying on
     * conflicts; empty when the cluster does not exist. {@code change} may run more than once.
     */
    public Optional<Cluster> update(Scope scope, String name, UnaryOperator<Cluster> change) {
        return table.update(key(scope, name), change);
    }

    private static String key(Scope scope, String name) {
        return scope.key(name);
    }
}
