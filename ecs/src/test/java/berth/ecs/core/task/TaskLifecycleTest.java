package berth.ecs.core.task;

import static berth.ecs.core.task.TaskFixtures.T0;
import static berth.ecs.core.task.TaskFixtures.container;
import static berth.ecs.core.task.TaskFixtures.exited;
import static berth.ecs.core.task.TaskFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {
    private static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/abc";

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aBridgeTaskGoesFromProvisioningThroughPendingToRunningWithTimestampsAndVersions() {
        Task task = TaskFixtures.ec2Task(INSTANCE);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
        assertThat(task.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.id()).matches("[0-9a-f]{32}");
        assertThat(task.containers()).extracting(TaskContainer::lastStatus).containsOnly(ContainerStatus.PENDING);
        assertThat(task.containers().get(0).containerArn())
                .startsWith("arn:aws:ecs:us-east-1:123456789012:container/prod/" + task.id() + "/");

        Task pending = TaskLifecycle.reported(task, new TaskReport(TaskStatus.PENDING, "", List.of(), at(1), at(2),
                TaskTimes.UNSET), at(3));
        assertThat(pending.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(pending.connectivity()).isEqualTo("CONNECTED");
        assertThat(pending.times().connectivityAt()).isEqualTo(at(3));
        assertThat(pending.times().pullStartedAt()).isEqualTo(at(1));
        assertThat(pending.times().pullStoppedAt()).isEqualTo(at(2));
        assertThat(pending.version()).isEqualTo(2);

        Task running = TaskLifecycle.reported(pending, report(TaskStatus.RUNNING, container("web", ContainerStatus.RUNNING),
                container("sidecar", ContainerStatus.RUNNING)), at(5));
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.times().startedAt()).isEqualTo(at(5));
        assertThat(running.container("web").orElseThrow().runtimeId()).isEqualTo("docker-web");
        assertThat(running.version()).isEqualTo(3);

        Task again = TaskLifecycle.reported(running, report(TaskStatus.RUNNING), at(6));
        assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(again.times().startedAt()).as("moments are set once").isEqualTo(at(5));
    }

    @Test
    void aReportOfAnEarlierStateNeverMovesTheTaskOrItsContainersBack() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(INSTANCE),
                report(TaskStatus.RUNNING, container("web", ContainerStatus.RUNNING)), at(1));
        Task late = TaskLifecycle.reported(running, report(TaskStatus.PENDING, container("web", ContainerStatus.PENDING)),
                at(2));
        assertThat(late.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(late.container("web").orElseThrow().lastStatus()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(TaskStatus.RUNNING.mayMoveTo(TaskStatus.PENDING)).isFalse();
        assertThat(TaskStatus.PENDING.mayMoveTo(TaskStatus.STOPPED)).isTrue();
        assertThatThrownBy(() -> report(TaskStatus.STOPPING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAwsvpcTaskActivatesAroundItsInterfaceAndDeactivatesAndDeprovisionsWhenStopped() {
        Task task = TaskFixtures.fargateTask();
        NetworkInterfaceAttachment eni = task.networkInterface().orElseThrow();
        assertThat(eni.status()).isEqualTo(AttachmentStatus.PRECREATED);
        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(eni.subnetId()).isEqualTo("subnet-0abc");

        Task activating = TaskLifecycle.reported(task, report(TaskStatus.RUNNING, container("app", ContainerStatus.RUNNING)),
                at(1));
        assertThat(activating.lastStatus()).isEqualTo(TaskStatus.ACTIVATING);
        assertThat(TaskLifecycle.advanced(activating, at(2))).as("waits for the interface").isEqualTo(activating);

        Task observed = TaskLifecycle.observed(activating, Map.of(), "0a:58:0a:00:00:07", "10.0.0.7");
        assertThat(observed.networkInterface().orElseThrow().status()).isEqualTo(AttachmentStatus.ATTACHED);
        assertThat(observed.networkInterface().orElseThrow().details(TaskFixtures.REGION))
                .containsEntry("privateIPv4Address", "10.0.0.7").containsEntry("macAddress", "0a:58:0a:00:00:07")
                .containsEntry("privateDnsName", "ip-10-0-0-7.ec2.internal")
                .containsEntry("subnetId", "subnet-0abc");
        assertThat(observed.container("app").orElseThrow().privateIpv4Address()).isEqualTo("10.0.0.7");
        Task running = TaskLifecycle.advanced(observed, at(2));
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);

        Task deactivating = TaskLifecycle.stopRequested(running, StopCode.UserInitiated, StopCode.STOPPED_BY_USER, at(10));
        assertThat(deactivating.lastStatus()).isEqualTo(TaskStatus.DEACTIVATING);
        assertThat(deactivating.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(deactivating.times().stoppingAt()).isEqualTo(at(10));
        assertThat(deactivating.stopCode()).isEqualTo("UserInitiated");
        Task stopping = TaskLifecycle.advanced(deactivating, at(11));
        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);

        Task deprovisioning = TaskLifecycle.reported(stopping, report(TaskStatus.STOPPED, exited("app", 0)), at(12));
        assertThat(deprovisioning.lastStatus()).isEqualTo(TaskStatus.DEPROVISIONING);
        assertThat(deprovisioning.networkInterface().orElseThrow().status()).isEqualTo(AttachmentStatus.DETACHING);
        assertThat(deprovisioning.stopCode()).as("the user's stop is kept").isEqualTo("UserInitiated");
        Task stopped = TaskLifecycle.advanced(deprovisioning, at(13));
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.times().stoppedAt()).isEqualTo(at(13));
        assertThat(stopped.times().executionStoppedAt()).isEqualTo(at(12));
        assertThat(stopped.networkInterface().orElseThrow().status()).isEqualTo(AttachmentStatus.DELETED);
        assertThat(TaskLifecycle.canAdvance(stopped, at(14))).isFalse();
    }

    @Test
    void anAwsvpcTaskWhoseInterfaceIsNeverReportedRunsAfterTheGrace() {
        Task activating = TaskLifecycle.reported(TaskFixtures.fargateTask(), report(TaskStatus.RUNNING), at(1));
        assertThat(TaskLifecycle.canAdvance(activating, at(10))).isFalse();
        assertThat(TaskLifecycle.advanced(activating, at(11)).lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void anExitedEssentialContainerStopsTheTaskWithEssentialContainerExited() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(INSTANCE),
                report(TaskStatus.RUNNING, container("web", ContainerStatus.RUNNING)), at(1));
        Task stopped = TaskLifecycle.reported(running, report(TaskStatus.STOPPED, exited("web", 137)), at(4));
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.container("web").orElseThrow().exitCode()).isEqualTo(137);
        assertThat(stopped.containers()).extracting(TaskContainer::lastStatus).containsOnly(ContainerStatus.STOPPED);
        assertThat(stopped.times().stoppingAt()).isEqualTo(at(4));
        assertThat(stopped.times().stoppedAt()).isEqualTo(at(4));
    }

    @Test
    void aTaskThatNeverStartedFailedToStartWithTheAgentsReason() {
        Task pending = TaskLifecycle.reported(TaskFixtures.ec2Task(INSTANCE), report(TaskStatus.PENDING), at(1));
        Task failed = TaskLifecycle.reported(pending, new TaskReport(TaskStatus.STOPPED,
                "CannotPullContainerError: pull access denied for nope", List.of(), TaskTimes.UNSET, TaskTimes.UNSET,
                TaskTimes.UNSET), at(2));
        assertThat(failed.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(failed.stoppedReason()).isEqualTo("CannotPullContainerError: pull access denied for nope");
    }

    @Test
    void stoppingTwiceChangesNothingAndAStoppedTaskStaysStopped() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(INSTANCE), report(TaskStatus.RUNNING), at(1));
        Task stopping = TaskLifecycle.stopRequested(running, StopCode.UserInitiated, "done", at(2));
        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(TaskLifecycle.stopRequested(stopping, StopCode.UserInitiated, "again", at(3))).isEqualTo(stopping);
        Task stopped = TaskLifecycle.reported(stopping, report(TaskStatus.STOPPED), at(4));
        assertThat(stopped.stoppedReason()).isEqualTo("done");
        assertThat(TaskLifecycle.reported(stopped, report(TaskStatus.RUNNING), at(5)).lastStatus())
                .isEqualTo(TaskStatus.STOPPED);
    }

    @Test
    void theControlPlaneStopsATaskAloneWhenItsHostIsGone() {
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(INSTANCE),
                report(TaskStatus.RUNNING, container("web", ContainerStatus.RUNNING)), at(1));
        Task stopped = TaskLifecycle.stoppedWithoutAgent(running, StopCode.TerminationNotice,
                StopCode.hostTerminated("i-0abc"), at(9));
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo("TerminationNotice");
        assertThat(stopped.stoppedReason()).isEqualTo("Host EC2 (instance i-0abc) stopped/terminated.");
        assertThat(stopped.containers()).extracting(TaskContainer::lastStatus).containsOnly(ContainerStatus.STOPPED);
        assertThat(stopped.times().stoppedAt()).isEqualTo(at(9));
    }
}
