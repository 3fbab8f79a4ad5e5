package berth.ecs.state;

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
                p -> key(p.accountId(), p.region(), p.name()));
    }

    public Optional<RecordTable.Versioned<CapacityProvider>> find(String account, String region, String name) {
        return table.find(key(account, region, name));
    }

    public List<CapacityProvider> list(String account, String region) {
        return table.list(account + "/" + region + "/");
    }

    public void save(CapacityProvider provider, long expectedVersion) {
        table.save(provider, expectedVersion);
    }

    public Optional<CapacityProvider> update(String account, String region, String name,
                                             java.util.function.UnaryOperator<CapacityProvider> change) {
        return table.update(key(account, region, name), change);
    }

    public void delete(CapacityProvider provider, long expectedVersion) {
        table.remove(table.keyOf(provider), expectedVersion);
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }
}
