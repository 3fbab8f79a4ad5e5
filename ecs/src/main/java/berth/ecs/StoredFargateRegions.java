package berth.ecs;

import berth.aws.Scope;
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
    public Set<Scope> current() {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (FargateCapacity capacity : capacities.all()) {
            scopes.add(capacity.scope());
        }
        return scopes;
    }

    @Override
    public Watch watch(Consumer<Scope> listener) {
        // told once each, and only when the set grows: what the store held before the watch is known
        Set<Scope> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
        known.addAll(current());
        Subscription subscription = store.watchKind(CapacityRecords.KIND, change -> {
            String key = change.record().key();
            if (!change.record().deleted()
                    && key.split("/", 3).length == 3) {
                Scope scope = Scope.ofKey(key);
                if (known.add(scope)) {
                    listener.accept(scope);
                }
            }
        });
        return subscription::close;
    }
}
