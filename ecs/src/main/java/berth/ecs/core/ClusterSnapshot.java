package berth.ecs.core;

import java.util.List;
import java.util.Optional;

/**
 * The container instances of one cluster at one moment, each with the tasks that hold resources
 * on it (placed so far, pending or running). The order of {@code instances} is the order in which
 * placement visits them, so equal candidates and reported failures are stable for a given snapshot.
 */
public record ClusterSnapshot(List<InstanceSnapshot> instances) {

    public ClusterSnapshot {
        instances = List.copyOf(instances);
    }

    public static ClusterSnapshot of(InstanceSnapshot... instances) {
        return new ClusterSnapshot(List.of(instances));
    }

    public Optional<InstanceSnapshot> instance(String containerInstanceArn) {
        for (InstanceSnapshot instance : instances) {
            if (instance.containerInstanceArn().equals(containerInstanceArn)) {
                return Optional.of(instance);
            }
        }
        return Optional.empty();
    }

    /** Every task on every instance, instance by instance. */
    public List<TaskOnInstance> tasks() {
        return instances.stream().flatMap(i -> i.tasks().stream()).toList();
    }
}
