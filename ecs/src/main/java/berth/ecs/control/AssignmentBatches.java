package berth.ecs.control;

import berth.ecs.agentwire.AssignmentBatch;
import berth.ecs.agentwire.TaskAssignment;
import berth.ecs.core.LaunchType;
import berth.ecs.core.task.Task;
import berth.ecs.state.TaskRecords;
import berth.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assignments an agent sees: every task record of its container instance (or, for the Fargate
 * runner, every Fargate task of its account and region), STOPPED ones included until the reconciler
 * forgets them after the retention, each as a {@link TaskAssignment}.
 */
final class AssignmentBatches {
    /** ECS_CONTAINER_STOP_TIMEOUT's default: how long containers get between SIGTERM and SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private final TaskRecords tasks;
    private final AssignmentSignals signals;

    AssignmentBatches(Store store, AssignmentSignals signals) {
        this.tasks = new TaskRecords(store);
        this.signals = signals;
    }

    AssignmentBatch forInstance(String account, String region, String cluster, String containerInstanceArn) {
        long generation = signals.baseGeneration(account, region, cluster);
        List<TaskAssignment> assigned = new ArrayList<>();
        for (TaskRecords.Versioned stored : tasks.list(account, region, cluster)) {
            if (stored.task().containerInstanceArn().equals(containerInstanceArn)) {
                assigned.add(assignment(stored.task()));
                generation = Math.max(generation, stored.version());
            }
        }
        return new AssignmentBatch(generation, assigned);
    }

    AssignmentBatch forFargate(String account, String region) {
        long generation = signals.baseGeneration(account, region, "");
        List<TaskAssignment> assigned = new ArrayList<>();
        for (TaskRecords.Versioned stored : tasks.listRegion(account, region)) {
            if (stored.task().launchType() == LaunchType.FARGATE) {
                assigned.add(assignment(stored.task()));
                generation = Math.max(generation, stored.version());
            }
        }
        return new AssignmentBatch(generation, assigned);
    }

    static TaskAssignment assignment(Task task) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", task.region());
        environment.put("AWS_DEFAULT_REGION", task.region());
        environment.put("AWS_EXECUTION_ENV", "AWS_ECS_" + task.launchType().name());
        return new TaskAssignment(task.arn(), task.clusterArn(), task.containerInstanceArn(), task.launchType().name(),
                task.desiredStatus().name(), task.lastStatus().name(), task.definition(), task.group(), task.startedBy(),
                task.times().createdAt(), STOP_TIMEOUT_SECONDS, environment);
    }
}
