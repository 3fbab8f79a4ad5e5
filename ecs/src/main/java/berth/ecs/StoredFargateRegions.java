package berth.ecs;

import berth.ecs.core.task.FargateCapacity;
import berth.ecs.state.CapacityRecords;
import berth.store.Store;
import berth.store.Subscription;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** {@link FargateRegions} from the clusters' capacity records ({@link CapacityRecords}). */
final class StoredFargateRegions implements FargateRegions {
    private final Store store;
    private final CapacityRecords capacities;

    StoredFargateRegions(Store store) {
        this.store = store;
        this.capacities = new CapacityRecords(store);
    }

    @Override
    public Set<AccountRegion> current() {
        Set<AccountRegion> regions = new LinkedHashSet<>();
        for (FargateCapacity capacity : capacities.all()) {
            regions.add(new AccountRegion(capacity.accountId(), capacity.region()));
        }
        return regions;
    }

    @Override
    public Watch watch(Consumer<AccountRegion> listener) {
        // told once each, and only when the set grows: what the store held before the watch is known
        Set<AccountRegion> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
        known.addAll(current());
        // the prefix also matches other kinds (ecs.capacity-provider): only capacity records count
        Subscription subscription = store.watch(CapacityRecords.KIND, change -> {
            String[] key = change.record().key().split("/");
            if (change.record().kind().equals(CapacityRecords.KIND) && !change.record().deleted() && key.length >= 2) {
                AccountRegion region = new AccountRegion(key[0], key[1]);
                if (known.add(region)) {
                    listener.accept(region);
                }
            }
        });
        return subscription::close;
    }
}
