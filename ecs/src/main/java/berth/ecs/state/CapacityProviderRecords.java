package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.CapacityProvider;
import berth.platform.RecordTable;
import berth.store.Store;
import java.util.List;
import java.util.Optional;

/** Capacity providers created with CreateCapacityProvider, kind {@code ecs.capacity-provider}, key {@code account/region/name}. */
public final class CapacityProviderRecords {
    public static final String KIND = "ecs.capacity-provider";

    private final RecordTable<CapacityProvider> table;

    public CapacityProviderRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, CapacityProvider.class,
                p -> key(p.scope(), p.name()));
    }

    public Optional<RecordTable.Versioned<CapacityProvider>> find(Scope scope, String name) {
        return table.find(key(scope, name));
    }

    public List<CapacityProvider> list(Scope scope) {
        return table.list(scope.prefix());
    }

    /** The created providers of every account and region. */
    public List<CapacityProvider> all() {
        return table.list("");
    }

    public void save(CapacityProvider provider, long expectedVersion) {
        table.save(provider, expectedVersion);
    }

    public Optional<CapacityProvider> update(Scope scope, String name,
                                             java.util.function.UnaryOperator<CapacityProvider> change) {
        return table.update(key(scope, name), change);
    }

    public void delete(CapacityProvider provider, long expectedVersion) {
        table.remove(table.keyOf(provider), expectedVersion);
    }

    private static String key(Scope scope, String name) {
        return scope.key(name);
    }
}
