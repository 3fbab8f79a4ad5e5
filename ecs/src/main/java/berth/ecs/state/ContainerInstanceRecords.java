package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.instance.ContainerInstance;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Container instances in the store, kind {@code ecs.instance}, key {@code account/region/cluster/id}.
 * Deregistered instances stay, INACTIVE, so DescribeContainerInstances can still answer for them.
 * Every loop watches this kind, so an update that changes nothing writes nothing.
 */
public final class ContainerInstanceRecords {
    public static final String KIND = "ecs.instance";

    private final RecordTable<ContainerInstance> table;

    public ContainerInstanceRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, ContainerInstance.class, ContainerInstance::key);
    }

    public Optional<Versioned<ContainerInstance>> find(Scope scope, String cluster, String id) {
        return find(key(scope, cluster, id));
    }

    /** The instance stored under {@code key} ({@code account/region/cluster/id}). */
    public Optional<Versioned<ContainerInstance>> find(String key) {
        return table.find(key);
    }

    /** Every instance of {@code cluster} ever registered, INACTIVE ones included, by id. */
    public List<ContainerInstance> list(Scope scope, String cluster) {
        return table.list(scope.key(cluster + "/"));
    }

    /** Every instance of {@code cluster} with the store version it was read at, by id. */
    public List<Versioned<ContainerInstance>> versioned(Scope scope, String cluster) {
        return table.listVersioned(scope.key(cluster + "/"));
    }

    /** Every instance of every cluster of {@code scope}, INACTIVE ones included. */
    public List<ContainerInstance> list(Scope scope) {
        return table.list(scope.prefix());
    }

    /** Every instance of every cluster, account and region, INACTIVE ones included. */
    public List<ContainerInstance> all() {
        return table.list("");
    }

    /** The instances of {@code cluster} that are registered (every status but INACTIVE). */
    public List<ContainerInstance> registered(Scope scope, String cluster) {
        return list(scope, cluster).stream().filter(ContainerInstance::registered).toList();
    }

    /** Writes {@code instance} if the stored version is still {@code expectedVersion}. */
    public void save(ContainerInstance instance, long expectedVersion) {
        table.save(instance, expectedVersion);
    }

    /** A compare-and-set write of {@code instance}, for commits that change tasks and instances together. */
    Write put(ContainerInstance instance, long expectedVersion) {
        return table.put(instance, expectedVersion);
    }

    /**
     * Applies {@code change} to a stored instance with compare-and-set, re-reading and retrying on
     * conflicts; empty when the instance does not exist. {@code change} may run more than once.
     */
    public Optional<ContainerInstance> update(Scope scope, String cluster, String id,
                                              UnaryOperator<ContainerInstance> change) {
        return update(key(scope, cluster, id), change);
    }

    /** As {@link #update(Scope, String, String, UnaryOperator)}, for the instance stored under {@code key}. */
    public Optional<ContainerInstance> update(String key, UnaryOperator<ContainerInstance> change) {
        return table.updateIfChanged(key, change);
    }

    /**
     * The cluster as placement sees it: every registered instance (ACTIVE, DRAINING, ...; placement
     * itself only uses ACTIVE ones), in id order, each with the tasks {@code tasksOn} says hold
     * resources on it (given the instance ARN).
     */
    public ClusterSnapshot snapshot(Scope scope, String cluster, Function<String, List<TaskOnInstance>> tasksOn) {
        List<InstanceSnapshot> instances = new ArrayList<>();
        for (ContainerInstance instance : registered(scope, cluster)) {
            instances.add(instance.toSnapshot(tasksOn.apply(instance.arn())));
        }
        return new ClusterSnapshot(instances);
    }

    private static String key(Scope scope, String cluster, String id) {
        return scope.key(cluster + "/" + id);
    }
}
