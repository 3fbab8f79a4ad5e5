package berth.ecs.core.task;

import static berth.ecs.core.task.TaskFixtures.T0;
import static berth.ecs.core.task.TaskFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.instance.ContainerInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskReconcilerTest {
    private static final ReconcileSettings SETTINGS = new ReconcileSettings(Duration.ofSeconds(30),
            Duration.ofMinutes(3), Duration.ofHours(1));

    private final ContainerInstance instance = TaskFixtures.instance("abc", "i-0123456789abcdef0");

    private static TaskReconciler.Desired desired(Task... tasks) {
        return new TaskReconciler.Desired(List.of(tasks).stream().map(t -> new TaskReconciler.StoredTask(t, 7)).toList(),
                List.of());
    }

    private static TaskReconciler.Observed observed(ContainerInstance... instances) {
        return new TaskReconciler.Observed(List.of(instances), List.of());
    }

    private ContainerInstance accounted(Task... tasks) {
        return InstanceUsage.accounted(instance, List.of(tasks));
    }

    @Test
    void aConvergedClusterNeedsNothing() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(instance.arn()), report(TaskStatus.RUNNING), T0);
        ContainerInstance seen = accounted(running).withAgent(true, T0);
        assertThat(TaskReconciler.reconcile(desired(running), observed(seen), T0.plusSeconds(10), SETTINGS).actions())
                .isEmpty();
    }

    @Test
    void tasksOfADeregisteredInstanceStopBecauseTheirHostIsGone() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(instance.arn()), report(TaskStatus.RUNNING), T0);
        ContainerInstance gone = TaskFixtures.inactive(accounted(running));
        assertThat(TaskReconciler.reconcile(desired(running), observed(gone), T0, SETTINGS).actions())
                .containsExactly(new ReconcilePlan.StopWithoutAgent(running.key(), StopCode.TerminationNotice,
                        "Host EC2 (instance i-0123456789abcdef0) stopped/terminated."));
        assertThat(TaskReconciler.reconcile(desired(running), observed(), T0, SETTINGS).actions())
                .singleElement().isInstanceOf(ReconcilePlan.StopWithoutAgent.class);
    }

    @Test
    void aTaskStuckOnADisconnectedAgentFailsToStartAfterTheStartTimeout() {
        Task provisioning = TaskFixtures.ec2Task(instance.arn());
        ContainerInstance silent = accounted(provisioning).withAgent(false, T0);
        Instant early = T0.plus(Duration.ofMinutes(2));
        assertThat(TaskReconciler.reconcile(desired(provisioning), observed(silent), early, SETTINGS).actions())
                .isEmpty();
        assertThat(TaskReconciler.nextDeadline(desired(provisioning), observed(silent), early, SETTINGS))
                .contains(T0.plus(Duration.ofMinutes(3)));
        Instant late = T0.plus(Duration.ofMinutes(3));
        assertThat(TaskReconciler.reconcile(desired(provisioning), observed(silent), late, SETTINGS).actions())
                .singleElement().satisfies(a -> assertThat(((ReconcilePlan.StopWithoutAgent) a).code())
                        .isEqualTo(StopCode.TaskFailedToStart));
        ContainerInstance connected = silent.withAgent(true, late);
        assertThat(TaskReconciler.reconcile(desired(provisioning), observed(connected), late, SETTINGS).actions())
                .as("a connected agent may still start it").isEmpty();
    }

    @Test
    void aFargateTaskWithoutAConnectedRunnerFailsToStart() {
        Task fargate = TaskFixtures.fargateTask();
        FargateCapacity capacity = FargateCapacity.registered(fargate.scope(), "prod", T0);
        var observed = new TaskReconciler.Observed(List.of(), List.of(capacity));
        assertThat(TaskReconciler.reconcile(desired(fargate), observed, T0.plus(Duration.ofMinutes(3)), SETTINGS)
                .actions()).singleElement().isInstanceOf(ReconcilePlan.StopWithoutAgent.class);
        var connected = new TaskReconciler.Observed(List.of(), List.of(capacity.withAgent(true,
                T0.plus(Duration.ofMinutes(3)))));
        assertThat(TaskReconciler.reconcile(desired(fargate), connected, T0.plus(Duration.ofMinutes(3)), SETTINGS)
                .actions()).isEmpty();
    }

    @Test
    void silentAgentsAreDisconnectedAndDriftedInstancesReaccounted() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(instance.arn()), report(TaskStatus.RUNNING), T0);
        ContainerInstance drifted = instance.withAgent(true, T0);
        var plan = TaskReconciler.reconcile(desired(running), observed(drifted), T0.plusSeconds(30), SETTINGS);
        String key = "123456789012/us-east-1/prod/abc";
        assertThat(plan.actions()).containsExactly(new ReconcilePlan.Disconnect(key),
                new ReconcilePlan.Reaccount(key));
    }

    @Test
    void ownedStepsAdvanceAndOldStoppedTasksAreForgotten() {
        Task deactivating = TaskLifecycle.stopRequested(TaskLifecycle.advanced(TaskLifecycle.observed(
                TaskLifecycle.reported(TaskFixtures.fargateTask(), report(TaskStatus.RUNNING), T0), java.util.Map.of(),
                "", "10.0.0.9"), T0), StopCode.UserInitiated, "bye", T0);
        assertThat(deactivating.lastStatus()).isEqualTo(TaskStatus.DEACTIVATING);
        FargateCapacity capacity = FargateCapacity.registered(deactivating.scope(), "prod", T0).withAgent(true, T0);
        var observed = new TaskReconciler.Observed(List.of(), List.of(capacity));
        assertThat(TaskReconciler.reconcile(desired(deactivating), observed, T0.plusSeconds(1), SETTINGS).actions())
                .containsExactly(new ReconcilePlan.Advance(deactivating.key()));

        Task stopped = TaskLifecycle.stoppedWithoutAgent(TaskFixtures.ec2Task(instance.arn()), StopCode.UserInitiated,
                "x", T0);
        ContainerInstance empty = instance.withAgent(true, T0.plus(Duration.ofHours(1)));
        assertThat(TaskReconciler.reconcile(desired(stopped), observed(empty), T0.plus(Duration.ofMinutes(59)),
                SETTINGS).actions()).isEmpty();
        assertThat(TaskReconciler.reconcile(desired(stopped), observed(empty), T0.plus(Duration.ofHours(1)),
                SETTINGS).actions()).containsExactly(new ReconcilePlan.Forget(stopped.key(), 7));
    }

    @Test
    void expiredClientTokensAreForgotten() {
        ClientToken token = new ClientToken("123456789012", "us-east-1", "prod", "t", "f", List.of(), List.of(), T0);
        var desired = new TaskReconciler.Desired(List.of(), List.of(token));
        assertThat(TaskReconciler.reconcile(desired, observed(), T0.plus(Duration.ofHours(24)), SETTINGS).actions())
                .containsExactly(new ReconcilePlan.ExpireToken(token.key()));
    }
}
