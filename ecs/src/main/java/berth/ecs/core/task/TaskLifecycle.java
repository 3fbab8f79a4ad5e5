package berth.ecs.core.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How a task moves through ECS's lifecycle: pure functions from a task and what happened to the task
 * after it. The agent reports PENDING, RUNNING and STOPPED; the control plane sets the states around
 * them: PROVISIONING at creation, ACTIVATING after an awsvpc task's containers started until its
 * interface is attached, DEACTIVATING then STOPPING once the task is asked to stop, DEPROVISIONING
 * while a stopped awsvpc task's interface is released, then STOPPED. {@code lastStatus} never moves
 * backwards: a report of an earlier state changes the containers it describes, never the task's status.
 */
public final class TaskLifecycle {
    /** How long an awsvpc task stays ACTIVATING when the agent never reports its interface attached. */
    public static final Duration ACTIVATION_GRACE = Duration.ofSeconds(10);

    private TaskLifecycle() {}

    /** The task after the agent's SubmitTaskStateChange {@code report} at {@code now}. */
    public static Task reported(Task task, TaskReport report, Instant now) {
        Task.Builder b = task.toBuilder()
                .containers(applyReports(task.containers(), report.containers()))
                .connectivity(Task.CONNECTED)
                .times(task.times().withConnectivityAt(now).withPull(report.pullStartedAt(), report.pullStoppedAt()));
        switch (report.status()) {
            case PENDING -> {
                moveTo(b, TaskStatus.PENDING, now);
                attachments(b, a -> a.withStatus(AttachmentStatus.ATTACHING));
            }
            case RUNNING -> {
                moveTo(b, task.awsvpc() ? TaskStatus.ACTIVATING : TaskStatus.RUNNING, now);
                attachments(b, a -> a.withStatus(AttachmentStatus.ATTACHING));
            }
            case STOPPED -> agentStopped(task, b, report, now);
            default -> throw new IllegalArgumentException("agents do not report " + report.status());
        }
        b.healthStatus(TaskHealth.of(task.definition(), b.containers()));
        return b.build();
    }

    private static void agentStopped(Task task, Task.Builder b, TaskReport report, Instant now) {
        Instant stoppedAt = TaskTimes.set(report.executionStoppedAt()) ? report.executionStoppedAt() : now;
        b.desiredStatus(TaskStatus.STOPPED).times(b.times().withExecutionStoppedAt(stoppedAt));
        if (b.stopCode().isEmpty()) {
            if (TaskTimes.set(task.times().startedAt())) {
                b.stopCode(StopCode.EssentialContainerExited.name()).stoppedReason(StopCode.ESSENTIAL_CONTAINER_EXITED);
            } else {
                b.stopCode(StopCode.TaskFailedToStart.name()).stoppedReason(failureReason(report, b.containers()));
            }
        }
        b.containers(b.containers().stream().map(c -> c.lastStatus() == ContainerStatus.STOPPED ? c
                : c.reported(new ContainerReport(c.name(), "", ContainerStatus.STOPPED, false, 0, "", "", List.of())))
                .toList());
        if (task.awsvpc()) {
            moveTo(b, TaskStatus.DEPROVISIONING, now);
            attachments(b, a -> a.withStatus(AttachmentStatus.DETACHING));
        } else {
            moveTo(b, TaskStatus.STOPPED, now);
        }
    }

    private static String failureReason(TaskReport report, List<TaskContainer> containers) {
        if (!report.reason().isEmpty()) {
            return report.reason();
        }
        return containers.stream().map(TaskContainer::reason).filter(r -> !r.isEmpty()).findFirst()
                .orElse("Task failed to start");
    }

    /** The task after the agent's SubmitContainerStateChange {@code report}; unknown containers change nothing. */
    public static Task containerReported(Task task, ContainerReport report, Instant now) {
        List<TaskContainer> containers = applyReports(task.containers(), List.of(report));
        return task.toBuilder().containers(containers).connectivity(Task.CONNECTED)
                .times(task.times().withConnectivityAt(now))
                .healthStatus(TaskHealth.of(task.definition(), containers)).build();
    }

    /**
     * The task asked to stop ({@code StopTask}, a service scaling in): desired STOPPED with the code and
     * reason, {@code stoppingAt} now, and DEACTIVATING (awsvpc tasks that reached ACTIVATING) or STOPPING.
     * A task already asked to stop, or already stopped, is returned unchanged.
     */
    public static Task stopRequested(Task task, StopCode code, String reason, Instant now) {
        if (task.desiredStatus() == TaskStatus.STOPPED || task.stopped()) {
            return task;
        }
        Task.Builder b = task.toBuilder().desiredStatus(TaskStatus.STOPPED).stopCode(code.name()).stoppedReason(reason)
                .times(task.times().withStoppingAt(now));
        boolean activated = !task.lastStatus().before(TaskStatus.ACTIVATING);
        moveTo(b, task.awsvpc() && activated ? TaskStatus.DEACTIVATING : TaskStatus.STOPPING, now);
        return b.build();
    }

    /**
     * The task stopped by the control plane alone, with no agent to act (its host is gone, or it never
     * started): STOPPED at once, containers and interface released. An earlier stop code is kept.
     */
    public static Task stoppedWithoutAgent(Task task, StopCode code, String reason, Instant now) {
        if (task.stopped()) {
            return task;
        }
        Task.Builder b = task.toBuilder().desiredStatus(TaskStatus.STOPPED);
        if (b.stopCode().isEmpty()) {
            b.stopCode(code.name()).stoppedReason(reason);
        }
        b.containers(task.containers().stream().map(c -> c.lastStatus() == ContainerStatus.STOPPED ? c
                : c.stopped(reason)).toList());
        b.times(b.times().withExecutionStoppedAt(now));
        moveTo(b, TaskStatus.STOPPED, now);
        return b.build();
    }

    /**
     * The step the control plane takes on its own once a task is in a state it owns: ACTIVATING to
     * RUNNING when the interface is attached (or after {@link #ACTIVATION_GRACE} without news of it),
     * DEACTIVATING to STOPPING, DEPROVISIONING to STOPPED. Unchanged when there is no such step.
     */
    public static Task advanced(Task task, Instant now) {
        Task.Builder b = task.toBuilder();
        switch (task.lastStatus()) {
            case ACTIVATING -> {
                boolean attached = task.networkInterface().map(a -> a.status() == AttachmentStatus.ATTACHED)
                        .orElse(true);
                Instant since = task.times().startedAt();
                if (attached || !now.isBefore(since.plus(ACTIVATION_GRACE))) {
                    attachments(b, a -> a.withStatus(AttachmentStatus.ATTACHED));
                    moveTo(b, TaskStatus.RUNNING, now);
                }
            }
            case DEACTIVATING -> moveTo(b, TaskStatus.STOPPING, now);
            case DEPROVISIONING -> moveTo(b, TaskStatus.STOPPED, now);
            default -> { }
        }
        return b.build();
    }

    /** Whether {@link #advanced} would change {@code task} at {@code now}. */
    public static boolean canAdvance(Task task, Instant now) {
        return !advanced(task, now).equals(task);
    }

    /**
     * The task after an agent's observation: container health by name, the task health derived from
     * it, and in awsvpc mode the interface's MAC and address (the containers share the address).
     */
    public static Task observed(Task task, Map<String, String> containerHealth, String macAddress, String address) {
        List<TaskContainer> containers = new ArrayList<>();
        for (TaskContainer c : task.containers()) {
            TaskContainer changed = c;
            String health = containerHealth.get(c.name());
            if (health != null) {
                changed = changed.withHealth(TaskHealth.normalized(health));
            }
            if (task.awsvpc() && !address.isEmpty()) {
                changed = changed.withAddress(address);
            }
            containers.add(changed);
        }
        Task.Builder b = task.toBuilder().containers(containers)
                .healthStatus(TaskHealth.of(task.definition(), containers));
        if (!task.stopped() && (!address.isEmpty() || !macAddress.isEmpty())) {
            attachments(b, a -> a.withAddress(macAddress, address));
        }
        return b.build();
    }

    /** The task after an agent reported its attachment {@code attachmentId} at {@code status}. */
    public static Task attachmentReported(Task task, String attachmentId, AttachmentStatus status) {
        Task.Builder b = task.toBuilder();
        attachments(b, a -> a.id().equals(attachmentId) ? a.withStatus(status) : a);
        return b.build();
    }

    private static void moveTo(Task.Builder b, TaskStatus next, Instant now) {
        if (!b.lastStatus().mayMoveTo(next)) {
            return;
        }
        b.lastStatus(next);
        TaskTimes times = b.times();
        if (next == TaskStatus.ACTIVATING || next == TaskStatus.RUNNING) {
            times = times.withStartedAt(now);
        }
        if (!next.before(TaskStatus.DEACTIVATING)) {
            times = times.withStoppingAt(now);
        }
        if (next == TaskStatus.STOPPED) {
            times = times.withExecutionStoppedAt(now).withStoppedAt(now);
            b.attachments(b.attachments().stream().map(a -> a.withStatus(AttachmentStatus.DELETED)).toList());
        }
        b.times(times);
    }

    private static void attachments(Task.Builder b, UnaryOperator<NetworkInterfaceAttachment> change) {
        b.attachments(b.attachments().stream().map(change).toList());
    }

    private static List<TaskContainer> applyReports(List<TaskContainer> containers, List<ContainerReport> reports) {
        Map<String, ContainerReport> byName = reports.stream()
                .collect(Collectors.toMap(ContainerReport::containerName, r -> r, (a, b) -> b));
        return containers.stream().map(c -> byName.containsKey(c.name()) ? c.reported(byName.get(c.name())) : c)
                .toList();
    }
}
