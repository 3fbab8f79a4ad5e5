package berth.ecs.core.service;

import berth.ecs.core.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the service scheduler sees of a service: its tasks (group {@code service:NAME}, STOPPED ones
 * included while the store keeps them), how its load balancers see each task's target (by task id;
 * absent for tasks not load balanced), and the container instances being drained.
 */
public record ServiceObservation(List<Task> tasks, Map<String, TargetView> targets, Set<String> drainingInstanceArns) {
    public ServiceObservation {
        tasks = List.copyOf(tasks);
        targets = Map.copyOf(targets);
        drainingInstanceArns = Set.copyOf(drainingInstanceArns);
    }

    /**
     * A task's targets in all of the service's target groups: {@code registered} when registered (or
     * draining) in every one, {@code state} the worst of ELB's target states.
     */
    public record TargetView(boolean registered, String state) {
        public boolean healthy() {
            return state.equals("healthy");
        }

        public boolean draining() {
            return state.equals("draining");
        }

        public boolean unhealthy() {
            return state.equals("unhealthy");
        }
    }
}
