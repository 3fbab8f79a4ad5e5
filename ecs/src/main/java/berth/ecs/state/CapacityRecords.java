package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.FargateCapacity;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The hidden Fargate capacity of each cluster, kind {@code ecs.capacity}, key
 * {@code account/region/cluster}. Never a container instance: ListContainerInstances,
 * DescribeContainerInstances and the cluster's instance count do not see it. The task reconciler
 * watches this kind, so an update that changes nothing writes nothing.
 */
public final class CapacityRecords {
    public static final String KIND = "ecs.capacity";

    private final RecordTable<FargateCapacity> table;

    public CapacityRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, FargateCapacity.class, FargateCapacity::key);
    }

    public Optional<Versioned<FargateCapacity>> find(String key) {
        return table.find(key);
    }

    /** The capacity of every cluster of a scope. */
    public List<FargateCapacity> list(Scope scope) {
        return table.list(scope.prefix());
    }

    public List<FargateCapacity> all() {
        return table.list("");
    }

    /** Applies {@code change} with compare-and-set, retrying on conflicts; empty when there is no such capacity. */
    public Optional<FargateCapacity> update(String key, UnaryOperator<FargateCapacity> change) {
        return table.updateIfChanged(key, change);
    }

    Write put(FargateCapacity capacity, long expectedVersion) {
        return table.put(capacity, expectedVersion);
    }
}
