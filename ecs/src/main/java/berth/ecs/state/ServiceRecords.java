package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.service.Service;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * Services in the store, kind {@code ecs.service}, key {@code account/region/cluster/name}: JSON of
 * {@link Service}, whose top-level {@code status} and {@code launchType} are the text fields
 * {@link ClusterActivity} counts by. INACTIVE services stay, as ECS describes them for a while.
 */
public final class ServiceRecords {
    public static final String KIND = ClusterActivity.SERVICE_KIND;

    private final RecordTable<Service> table;

    public ServiceRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, Service.class, Service::key);
    }

    public Optional<Versioned<Service>> find(Scope scope, String cluster, String name) {
        return find(key(scope, cluster, name));
    }

    public Optional<Versioned<Service>> find(String key) {
        return table.find(key);
    }

    /** The services of one cluster, by name. */
    public List<Versioned<Service>> list(Scope scope, String cluster) {
        return table.listVersioned(scope.key(cluster + "/"));
    }

    /** Every service in the store. */
    public List<Versioned<Service>> all() {
        return table.listVersioned("");
    }

    /** Stores {@code service} if its record is still at {@code expectedVersion}; throws VersionConflict otherwise. */
    public void save(Service service, long expectedVersion) {
        table.save(service, expectedVersion);
    }

    /**
     * The key of service {@code name} of {@code cluster}: {@code account/region/cluster/name},
     * as {@link Service#key()}.
     */
    public static String key(Scope scope, String cluster, String name) {
        return scope.key(cluster + "/" + name);
    }
}
