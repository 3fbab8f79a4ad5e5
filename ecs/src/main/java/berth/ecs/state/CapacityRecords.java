package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.FargateCapacity;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The hidden Fargate capacity of each cluster, kind {@code ecs.capacity}, key
 * {@code account/region/cluster}. Never a container instance: ListContainerInstances,
 * DescribeContainerInstances and the cluster's instance count do not see it.
 */
public final class CapacityRecords {
    public static final String KIND = "ecs.capacity";

    private final Store store;

    public CapacityRecords(Store store) {
        this.store = store;
    }

    public record Versioned(FargateCapacity capacity, long version) {}

    public Optional<Versioned> find(String key) {
        return store.get(KIND, key).map(r -> new Versioned(Records.read(r.value(), FargateCapacity.class),
                r.version()));
    }

    /** The capacity of every cluster of a scope. */
    public List<FargateCapacity> list(Scope scope) {
        return store.list(KIND, scope.prefix()).stream()
                .map(r -> Records.read(r.value(), FargateCapacity.class)).toList();
    }

    public List<FargateCapacity> all() {
        return store.list(KIND, "").stream().map(r -> Records.read(r.value(), FargateCapacity.class)).toList();
    }

    /** Applies {@code change} with compare-and-set, retrying on conflicts; empty when there is no such capacity. */
    public Optional<FargateCapacity> update(String key, UnaryOperator<FargateCapacity> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned> current = find(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            FargateCapacity changed = change.apply(current.get().capacity());
            if (changed.equals(current.get().capacity())) {
                return Optional.of(changed);
            }
            try {
                store.put(KIND, key, Records.write(changed), current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= 20) {
                    throw conflict;
                }
            }
        }
    }

    static Write write(FargateCapacity capacity, long expectedVersion) {
        return Write.put(KIND, capacity.key(), Records.write(capacity), expectedVersion);
    }
}
