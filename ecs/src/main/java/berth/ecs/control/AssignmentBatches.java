package berth.ecs.control;

import berth.agentwire.AssignedTask;
import berth.agentwire.AssignmentBatch;
import berth.agentwire.RoleCredentials;
import berth.aws.Scope;
import berth.ecs.SubnetRanges;
import berth.ecs.core.LaunchType;
import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The assignments an agent sees: every task record of its container instance (or, for the Fargate
 * runner, every Fargate task of its account and region), STOPPED ones included until the reconciler
 * forgets them after the retention, each as an {@link AssignedTask} ({@link AssignmentMapping}).
 */
final class AssignmentBatches {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AssignmentBatches.class);

    private final TaskRecords tasks;
    private final AssignmentSignals signals;
    private final TaskRoleCredentials roles;
    private final TaskCommits commits;
    private final Clock clock;
    private final Supplier<Optional<SubnetRanges>> subnets;

    AssignmentBatches(Store store, AssignmentSignals signals, TaskRoleCredentials roles, Clock clock,
                      Supplier<Optional<SubnetRanges>> subnets) {
        this.subnets = subnets;
        this.tasks = new TaskRecords(store);
        this.signals = signals;
        this.roles = roles;
        this.commits = new TaskCommits(store);
        this.clock = clock;
    }

    AssignmentBatch forInstance(Scope scope, String cluster, String containerInstanceArn) {
        long generation = signals.baseGeneration(scope, cluster);
        List<AssignedTask> assigned = new ArrayList<>();
        for (Versioned<Task> stored : tasks.list(scope, cluster)) {
            if (stored.value().containerInstanceArn().equals(containerInstanceArn)) {
                assigned.add(assignment(stored.value()));
                generation = Math.max(generation, stored.version());
            }
        }
        return new AssignmentBatch(generation, assigned);
    }

    AssignmentBatch forFargate(Scope scope) {
        long generation = signals.baseGeneration(scope, "");
        List<AssignedTask> assigned = new ArrayList<>();
        for (Versioned<Task> stored : tasks.list(scope)) {
            if (stored.value().launchType() == LaunchType.FARGATE) {
                assigned.add(assignment(stored.value()));
                generation = Math.max(generation, stored.version());
            }
        }
        return new AssignmentBatch(generation, assigned);
    }

    /**
     * The assignment of {@code task} with its roles' credentials. A task not yet RUNNING whose task or
     * execution role cannot be assumed is stopped here (TaskFailedToStart, ECS's
     * ResourceInitializationError), so its agent never starts a container of it.
     */
    AssignedTask assignment(Task task) {
        if (task.desiredStatus() != TaskStatus.RUNNING || task.stopped()) {
            roles.forget(task.arn());
            return AssignmentMapping.assignment(task, RoleCredentials.NONE, RoleCredentials.NONE);
        }
        RoleCredentials taskRole = RoleCredentials.NONE;
        RoleCredentials executionRole = RoleCredentials.NONE;
        String denied = "";
        if (!task.definition().taskRoleArn().isEmpty()) {
            switch (roles.forTask(task, task.definition().taskRoleArn())) {
                case TaskRoleCredentials.Granted g -> taskRole = g.credentials();
                case TaskRoleCredentials.Denied d -> denied = d.stoppedReason();
            }
        }
        if (denied.isEmpty() && !task.definition().executionRoleArn().isEmpty()) {
            switch (roles.forTask(task, task.definition().executionRoleArn())) {
                case TaskRoleCredentials.Granted g -> executionRole = g.credentials();
                case TaskRoleCredentials.Denied d -> denied = d.stoppedReason();
            }
        }
        if (!denied.isEmpty() && task.lastStatus().before(TaskStatus.RUNNING)) {
            String reason = denied;
            LOG.info("task {} cannot start: {}", task.arn(), reason);
            Task failed = commits.change(task.key(), t -> TaskLifecycle.stoppedWithoutAgent(t,
                    StopCode.TaskFailedToStart, reason, clock.instant())).orElse(task);
            return AssignmentMapping.assignment(failed, RoleCredentials.NONE, RoleCredentials.NONE);
        }
        return AssignmentMapping.assignment(task, taskRole, executionRole, subnetCidr(task));
    }

    /** The CIDR block of the subnet of the task's network interface, empty when none or unknown. */
    private String subnetCidr(Task task) {
        return task.networkInterface()
                .flatMap(eni -> subnets.get().flatMap(s -> s.cidr(task.scope(), eni.subnetId())))
                .orElse("");
    }
}
