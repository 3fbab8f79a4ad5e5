package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.service.Service;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;
import java.util.List;
import java.util.Optional;

/**
 * Services in the store, kind {@code ecs.service}, key {@code account/region/cluster/name}: JSON of
 * {@link Service}, whose top-level {@code status} and {@code launchType} are the text fields
 * {@link ClusterActivity} counts by. INACTIVE services stay, as ECS describes them for a while.
 */
public final class ServiceRecords {
    public static final String KIND = ClusterActivity.SERVICE_KIND;

    private final Store store;

    public ServiceRecords(Store store) {
        this.store = store;
    }

    /** A service together with the store version it was read at, for compare-and-set updates. */
    public record Versioned(Service service, long version) {}

    public Optional<Versioned> find(Scope scope, String cluster, String name) {
        return find(key(scope, cluster, name));
    }

    public Optional<Versioned> find(String key) {
        return store.get(KIND, key).map(ServiceRecords::versioned);
    }

    /** The services of one cluster, by name. */
    public List<Versioned> list(Scope scope, String cluster) {
        return store.list(KIND, scope.key(cluster + "/")).stream()
                .map(ServiceRecords::versioned).toList();
    }

    /** Every service in the store. */
    public List<Versioned> all() {
        return store.list(KIND, "").stream().map(ServiceRecords::versioned).toList();
    }

    /** Stores {@code service} if its record is still at {@code expectedVersion}; throws VersionConflict otherwise. */
    public void save(Service service, long expectedVersion) {
        store.commit(List.of(write(service, expectedVersion)));
    }

    /** The key of service {@code name} of {@code cluster}: {@code account/region/cluster/name}, as {@link Service#key()}. */
    public static String key(Scope scope, String cluster, String name) {
        return scope.key(cluster + "/" + name);
    }

    static Write write(Service service, long expectedVersion) {
        return Write.put(KIND, service.key(), Records.write(service), expectedVersion);
    }

    private static Versioned versioned(StoredRecord record) {
        return new Versioned(Records.read(record.value(), Service.class), record.version());
    }
}
