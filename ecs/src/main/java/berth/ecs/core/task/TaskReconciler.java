package berth.ecs.core.task;

import berth.ecs.core.instance.ContainerInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The level-triggered decision of what the control plane must do so that tasks, instances and
 * capacity agree, whatever happened before (a restart, a SIGKILL, a lost agent): a pure function of
 * the desired state (tasks and client tokens), the observed state (instances, Fargate capacity) and
 * the time.
 *
 * <ul>
 *   <li>A task whose container instance is deregistered (or gone) stops at once:
 *       {@code TerminationNotice}, "Host EC2 (instance i-...) terminated.".</li>
 *   <li>A task still PROVISIONING or PENDING {@code startTimeout} after creation while its agent (or
 *       Fargate runner) is disconnected failed to start: {@code TaskFailedToStart}.</li>
 *   <li>A task in a state the control plane owns takes its next step ({@link TaskLifecycle#advanced}).</li>
 *   <li>A STOPPED task is forgotten once {@code stoppedRetention} has passed since it stopped.</li>
 *   <li>An agent (or runner) silent for {@code agentTimeout} is marked disconnected.</li>
 *   <li>An instance whose remaining resources or task counts differ from its tasks' is re-accounted.</li>
 *   <li>Expired client tokens are forgotten.</li>
 * </ul>
 */
public final class TaskReconciler {
    private TaskReconciler() {}

    /** A task with the store version it was read at. */
    public record StoredTask(Task task, long storeVersion) {
        public StoredTask {
            Objects.requireNonNull(task, "task");
        }
    }

    /** What the control plane wants: the tasks and the client tokens it remembers. */
    public record Desired(List<StoredTask> tasks, List<ClientToken> tokens) {
        public Desired {
            tasks = List.copyOf(tasks);
            tokens = List.copyOf(tokens);
        }
    }

    /** What is: the container instances and the clusters' Fargate capacity. */
    public record Observed(List<ContainerInstance> instances, List<FargateCapacity> capacities) {
        public Observed {
            instances = List.copyOf(instances);
            capacities = List.copyOf(capacities);
        }
    }

    public static ReconcilePlan reconcile(Desired desired, Observed observed, Instant now, ReconcileSettings settings) {
        Map<String, ContainerInstance> instances = new HashMap<>();
        observed.instances().forEach(i -> instances.put(i.arn(), i));
        Map<String, FargateCapacity> capacities = new HashMap<>();
        observed.capacities().forEach(c -> capacities.put(c.key(), c));
        Map<String, List<Task>> tasksByInstance = new HashMap<>();
        List<ReconcilePlan.Action> actions = new ArrayList<>();
        for (StoredTask stored : desired.tasks()) {
            Task task = stored.task();
            if (task.onInstance()) {
                tasksByInstance.computeIfAbsent(task.containerInstanceArn(), k -> new ArrayList<>()).add(task);
            }
            if (task.stopped()) {
                if (!now.isBefore(task.times().stoppedAt().plus(settings.stoppedRetention()))) {
                    actions.add(new ReconcilePlan.Forget(task.key(), stored.storeVersion()));
                }
                continue;
            }
            decide(task, instances, capacities, now, settings).ifPresent(actions::add);
        }
        for (ContainerInstance instance : observed.instances()) {
            if (!instance.registered()) {
                continue;
            }
            String key = instance.key();
            if (instance.agentConnected()
                    && !now.isBefore(instance.agentLastSeenAt().plus(settings.agentTimeout()))) {
                actions.add(new ReconcilePlan.Disconnect(key));
            }
            List<Task> on = tasksByInstance.getOrDefault(instance.arn(), List.of());
            if (!InstanceUsage.accounted(instance, on).equals(instance)) {
                actions.add(new ReconcilePlan.Reaccount(key));
            }
        }
        for (FargateCapacity capacity : observed.capacities()) {
            if (capacity.agentConnected() && !now.isBefore(capacity.agentLastSeenAt().plus(settings.agentTimeout()))) {
                actions.add(new ReconcilePlan.DisconnectCapacity(capacity.key()));
            }
        }
        for (ClientToken token : desired.tokens()) {
            if (token.expired(now)) {
                actions.add(new ReconcilePlan.ExpireToken(token.key()));
            }
        }
        return new ReconcilePlan(actions);
    }

    private static Optional<ReconcilePlan.Action> decide(Task task, Map<String, ContainerInstance> instances,
                                                         Map<String, FargateCapacity> capacities, Instant now,
                                                         ReconcileSettings settings) {
        if (task.awaitingCapacity()) {
            // waits for an instance of its capacity provider; asked to stop, it stops without ever having run
            return task.desiredStatus() == TaskStatus.STOPPED
                    ? Optional.of(new ReconcilePlan.StopWithoutAgent(task.key(), StopCode.UserInitiated,
                            task.stoppedReason().isEmpty() ? "Task stopped by user" : task.stoppedReason()))
                    : Optional.empty();
        }
        boolean agentConnected;
        if (task.onInstance()) {
            ContainerInstance instance = instances.get(task.containerInstanceArn());
            if (instance == null || !instance.registered()) {
                String host = instance == null ? idOf(task.containerInstanceArn()) : instance.ec2InstanceId();
                return Optional.of(new ReconcilePlan.StopWithoutAgent(task.key(), StopCode.TerminationNotice,
                        StopCode.hostTerminated(host)));
            }
            agentConnected = instance.agentConnected();
        } else {
            FargateCapacity capacity = capacities.get(task.scope().key(task.cluster()));
            agentConnected = capacity != null && capacity.agentConnected();
        }
        boolean notStarted = task.lastStatus() == TaskStatus.PROVISIONING || task.lastStatus() == TaskStatus.PENDING
                || (task.lastStatus() == TaskStatus.STOPPING && !TaskTimes.set(task.times().startedAt()));
        if (notStarted && !agentConnected
                && !now.isBefore(task.times().createdAt().plus(settings.startTimeout()))) {
            String reason = task.onInstance()
                    ? "Task failed to start: the agent of container instance " + task.containerInstanceArn()
                            + " is disconnected."
                    : "Task failed to start: no Fargate capacity is connected.";
            return Optional.of(new ReconcilePlan.StopWithoutAgent(task.key(), StopCode.TaskFailedToStart, reason));
        }
        if (TaskLifecycle.canAdvance(task, now)) {
            return Optional.of(new ReconcilePlan.Advance(task.key()));
        }
        return Optional.empty();
    }

    private static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /**
     * The earliest moment after {@code now} at which {@link #reconcile} could decide something new
     * without any record changing (a timeout expiring); empty when nothing is waiting on time.
     */
    public static Optional<Instant> nextDeadline(Desired desired, Observed observed, Instant now,
                                                 ReconcileSettings settings) {
        List<Instant> deadlines = new ArrayList<>();
        for (StoredTask stored : desired.tasks()) {
            Task task = stored.task();
            if (task.stopped()) {
                deadlines.add(task.times().stoppedAt().plus(settings.stoppedRetention()));
            } else if (task.lastStatus().pending() || task.lastStatus() == TaskStatus.STOPPING) {
                deadlines.add(task.times().createdAt().plus(settings.startTimeout()));
                if (task.lastStatus() == TaskStatus.ACTIVATING) {
                    deadlines.add(task.times().startedAt().plus(TaskLifecycle.ACTIVATION_GRACE));
                }
            }
        }
        for (ContainerInstance instance : observed.instances()) {
            if (instance.registered() && instance.agentConnected()) {
                deadlines.add(instance.agentLastSeenAt().plus(settings.agentTimeout()));
            }
        }
        for (FargateCapacity capacity : observed.capacities()) {
            if (capacity.agentConnected()) {
                deadlines.add(capacity.agentLastSeenAt().plus(settings.agentTimeout()));
            }
        }
        desired.tokens().forEach(t -> deadlines.add(t.createdAt().plus(ClientToken.TIME_TO_LIVE)));
        return deadlines.stream().filter(d -> d.isAfter(now)).min(Instant::compareTo);
    }
}
