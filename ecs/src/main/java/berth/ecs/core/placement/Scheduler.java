package berth.ecs.core.placement;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.LaunchType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Task placement on container instances, as ECS does it for RunTask and services: a pure function
 * of the cluster snapshot, the task's requirements, the strategies and a random source.
 *
 * <p>For each task in turn: candidates are the ACTIVE instances of the task's launch type; those
 * that fail a check (agent connected, required attributes, CPU, memory, host ports, then each
 * placement constraint) are set aside; the strategies rank the rest and the task goes to the
 * best. The next task sees the resources, ports and group counts the previous ones took.
 */
public final class Scheduler {
    private Scheduler() {}

    /**
     * Places {@code count} tasks like {@code task}. An empty {@code strategies} list means the ECS
     * default for the task's group (see {@link PlacementStrategy#defaultsFor}). Throws
     * {@link InvalidPlacementException} when a memberOf expression does not parse.
     */
    public static Placement place(ClusterSnapshot cluster, TaskRequirements task, List<PlacementStrategy> strategies,
                                  RandomGenerator random, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (task.launchType() == LaunchType.FARGATE) {
            throw new IllegalArgumentException("FARGATE tasks are not placed on container instances");
        }
        List<PlacementStrategy> effective = strategies.isEmpty() ? PlacementStrategy.defaultsFor(task.group())
                : strategies;
        WorkingCluster working = new WorkingCluster(cluster, task, effective);
        List<TaskPlacement> outcomes = new ArrayList<>(count);
        TaskPlacement.NotPlaced failed = null;
        for (int n = 0; n < count; n++) {
            if (failed != null) {
                // Nothing changed since the last task failed, so every later one fails the same way.
                outcomes.add(failed);
                continue;
            }
            int chosen = working.choose(random);
            if (chosen < 0) {
                failed = new TaskPlacement.NotPlaced(working.diagnose());
                outcomes.add(failed);
            } else {
                working.place(chosen);
                outcomes.add(new TaskPlacement.Placed(working.arn(chosen)));
            }
        }
        return new Placement(outcomes, working.after());
    }

    /** {@link #place(ClusterSnapshot, TaskRequirements, List, RandomGenerator, int)} with a seeded random source. */
    public static Placement place(ClusterSnapshot cluster, TaskRequirements task, List<PlacementStrategy> strategies,
                                  long seed, int count) {
        return place(cluster, task, strategies, new SplittableRandom(seed), count);
    }
}
