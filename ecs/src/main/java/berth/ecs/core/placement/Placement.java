package berth.ecs.core.placement;

import berth.ecs.core.ClusterSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of placing {@code count} tasks one after another: one {@link TaskPlacement} per task
 * in order, and the cluster as it stands after the placed tasks took their resources, ports and
 * place in their instances' task lists.
 */
public record Placement(List<TaskPlacement> tasks, ClusterSnapshot after) {

    public Placement {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(after, "after");
    }

    /** The chosen container instance ARN of each placed task, in task order. */
    public List<String> placedInstanceArns() {
        List<String> arns = new ArrayList<>();
        for (TaskPlacement task : tasks) {
            if (task instanceof TaskPlacement.Placed placed) {
                arns.add(placed.containerInstanceArn());
            }
        }
        return arns;
    }

    public int placedCount() {
        return placedInstanceArns().size();
    }

    /** The distinct closest-match rejections of the tasks that were not placed, as RunTask lists {@code failures}. */
    public List<InstanceRejection> failures() {
        Set<InstanceRejection> failures = new LinkedHashSet<>();
        for (TaskPlacement task : tasks) {
            if (task instanceof TaskPlacement.NotPlaced(PlacementFailure.Rejected rejected)) {
                failures.add(rejected.closest());
            }
        }
        return List.copyOf(failures);
    }

    /** True when a task failed because the cluster has no ACTIVE instance for its launch type. */
    public boolean noContainerInstances() {
        for (TaskPlacement task : tasks) {
            if (task instanceof TaskPlacement.NotPlaced notPlaced
                    && notPlaced.failure() instanceof PlacementFailure.NoContainerInstances) {
                return true;
            }
        }
        return false;
    }
}
