package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.instance.ContainerInstance;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Container instances in the store, kind {@code ecs.instance}, key {@code account/region/cluster/id}.
 * Deregistered instances stay, INACTIVE, so DescribeContainerInstances can still answer for them.
 */
public final class ContainerInstanceRecords {
    public static final String KIND = "ecs.instance";
    private static final int ATTEMPTS = 20;

    private final Store store;

    public ContainerInstanceRecords(Store store) {
        this.store = store;
    }

    /** An instance together with the store version it was read at, for compare-and-set updates. */
    public record Versioned(ContainerInstance instance, long version) {}

    public Optional<Versioned> find(Scope scope, String cluster, String id) {
        return store.get(KIND, key(scope, cluster, id))
                .map(r -> new Versioned(Records.read(r.value(), ContainerInstance.class), r.version()));
    }

    /** Every instance of {@code cluster} ever registered, INACTIVE ones included, by id. */
    public List<ContainerInstance> list(Scope scope, String cluster) {
        return store.list(KIND, scope.key(cluster + "/")).stream()
                .map(StoredRecord::value)
                .map(v -> Records.read(v, ContainerInstance.class))
                .toList();
    }

    /** Every instance of {@code cluster} with the store version it was read at, by id. */
    public List<Versioned> versioned(Scope scope, String cluster) {
        return store.list(KIND, scope.key(cluster + "/")).stream()
                .map(r -> new Versioned(Records.read(r.value(), ContainerInstance.class), r.version()))
                .toList();
    }

    /** Every instance of every cluster of {@code scope}, INACTIVE ones included. */
    public List<ContainerInstance> list(Scope scope) {
        return store.list(KIND, scope.prefix()).stream().map(r -> Records.read(r.value(), ContainerInstance.class))
                .toList();
    }

    /** Every instance of every cluster, account and region, INACTIVE ones included. */
    public List<ContainerInstance> all() {
        return store.list(KIND, "").stream().map(r -> Records.read(r.value(), ContainerInstance.class)).toList();
    }

    /** The instance stored under {@code key} ({@code account/region/cluster/id}). */
    public Optional<Versioned> findByKey(String key) {
        return store.get(KIND, key).map(r -> new Versioned(Records.read(r.value(), ContainerInstance.class),
                r.version()));
    }

    /** A compare-and-set write of {@code instance}, for commits that change tasks and instances together. */
    static berth.store.Write write(ContainerInstance instance, long expectedVersion) {
        return berth.store.Write.put(KIND, instance.key(), Records.write(instance), expectedVersion);
    }

    /** The instances of {@code cluster} that are registered (every status but INACTIVE). */
    public List<ContainerInstance> registered(Scope scope, String cluster) {
        return list(scope, cluster).stream().filter(ContainerInstance::registered).toList();
    }

    /** Writes {@code instance} if the stored version is still {@code expectedVersion}. */
    public void save(ContainerInstance instance, long expectedVersion) {
        store.put(KIND, instance.key(), Records.write(instance), expectedVersion);
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
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned> current = findByKey(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ContainerInstance changed = change.apply(current.get().instance());
            if (changed.equals(current.get().instance())) {
                return Optional.of(changed);
            }
            try {
                save(changed, current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /**
     * The cluster as placement sees it: every registered instance (ACTIVE, DRAINING, ...; placement
     * itself only uses ACTIVE ones), in id order, each with the tasks {@code tasksOn} says hold
     * resources on it (given the instance ARN).
     */
    public ClusterSnapshot snapshot(Scope scope, String cluster,
                                    Function<String, List<TaskOnInstance>> tasksOn) {
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
