package berth.agent.core;

import static berth.agent.core.Fixtures.RECONCILER;
import static berth.agent.core.Fixtures.T0;
import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.observed;
import static berth.agent.core.Fixtures.task;
import static berth.agent.core.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.ContainerObservation;
import berth.agentwire.AssignedTask;
import berth.agentwire.DependencyCondition;
import berth.agentwire.DependsOn;
import berth.agentwire.DockerVolumeSettings;
import berth.agentwire.TaskVolume;
import berth.agentwire.VolumeMount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stopping: StopTask, essential exits, failures to start, stop order, the STOPPED report and cleanup. */
class StoppingTasksTest {

    private static Plan reconcile(AssignedTask task, List<ContainerObservation> observed, LocalTaskState local,
                                  Instant now) {
        return RECONCILER.reconcile(List.of(task), observed, Map.of(task.taskArn(), local), now);
    }

    private static LocalTaskState running(AssignedTask t) {
        LocalTaskState s = LocalTaskState.first(t.taskArn(), TaskStatus.RUNNING, T0);
        for (var c : t.containers()) {
            s = s.pulled(c.name(), "", T0, T0).created(c.name(), "id-" + c.name() + "-" + t.taskId());
        }
        return s;
    }

    private static List<Step> steps(Plan plan) {
        return plan.work().isEmpty() ? List.of() : plan.work().get(0).steps();
    }

    @Test
    void stopTaskStopsEachContainerWithItsStopTimeoutOrTheAssignmentsDefault() {
        AssignedTask t = withStatus(task("t1", definition(container("web").stopTimeoutSeconds(7).build(),
                container("side").essential(false).build())), "STOPPED", "RUNNING");
        var web = observed(t, "web");
        var side = observed(t, "side");

        Plan plan = reconcile(t, List.of(web.build(), side.build()), running(t), T0);

        assertThat(steps(plan)).containsExactly(
                new Step.StopContainer("web", web.id(), Duration.ofSeconds(7)),
                new Step.StopContainer("side", side.id(), Duration.ofSeconds(30)));
        assertThat(plan.taskReports()).isEmpty();
    }

    @Test
    void containersStopAfterTheContainersThatDependOnThem() {
        AssignedTask t = withStatus(task("t1", definition(container("db").build(),
                container("app").dependsOn(List.of(new DependsOn("db", DependencyCondition.START))).build())),
                "STOPPED", "RUNNING");
        var db = observed(t, "db");
        var app = observed(t, "app");

        assertThat(steps(reconcile(t, List.of(db.build(), app.build()), running(t), T0)))
                .containsExactly(new Step.StopContainer("app", app.id(), Duration.ofSeconds(30)));
        assertThat(steps(reconcile(t, List.of(db.build(), app.exited(143).build()), running(t), T0)))
                .containsExactly(new Step.StopContainer("db", db.id(), Duration.ofSeconds(30)));
    }

    @Test
    void anEssentialContainerExitingStopsTheTaskAndReportsItStoppedWithExitCodes() {
        AssignedTask t = task("t1", definition(container("web").build(), container("side").essential(false).build()));
        var side = observed(t, "side");

        Plan plan = reconcile(t, List.of(observed(t, "web").exited(1).build(), side.build()), running(t), T0);

        LocalTaskState state = plan.states().get(t.taskArn());
        assertThat(state.stop()).hasValueSatisfying(s -> {
            assertThat(s.stopCode()).isEqualTo("EssentialContainerExited");
            assertThat(s.reason()).isEqualTo("Essential container in task exited");
        });
        assertThat(steps(plan)).containsExactly(new Step.StopContainer("side", side.id(), Duration.ofSeconds(30)));
        assertThat(plan.taskReports()).isEmpty();

        Plan stopped = reconcile(t, List.of(observed(t, "web").exited(1).build(), side.exited(143).build()), state,
                T0.plusSeconds(1));
        TaskReport report = stopped.taskReports().get(0);
        assertThat(report.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.reason()).isEqualTo("Essential container in task exited");
        assertThat(report.executionStoppedAt()).contains(T0.plusSeconds(1));
        assertThat(report.containers()).extracting(c -> c.containerName() + ":" + c.status() + ":" + c.exitCode().orElseThrow())
                .containsExactly("web:STOPPED:1", "side:STOPPED:143");
    }

    @Test
    void anImageThatCannotBePulledFailsTheTaskToStartWithEcsReason() {
        AssignedTask t = task("t1", definition(container("web").build(), container("side").essential(false).build()));
        String reason = "CannotPullContainerError: pull access denied for nope, repository does not exist";
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .failed("side", new ContainerFailure(reason, Optional.empty(), true));

        Plan plan = reconcile(t, List.of(), local, T0);

        assertThat(plan.work()).isEmpty();
        TaskReport report = plan.taskReports().get(0);
        assertThat(report.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.reason()).isEqualTo(reason);
        assertThat(plan.states().get(t.taskArn()).stop().orElseThrow().stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(report.containers()).extracting(ContainerReport::status).containsOnly("STOPPED");
    }

    @Test
    void environmentFilesFailTheTaskToStartRatherThanBeIgnored() {
        AssignedTask t = task("t1", definition(container("web").environmentFiles(List.of(
                "arn:aws:s3:::bucket/web.env")).build()));

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0);

        assertThat(plan.work()).isEmpty();
        assertThat(plan.taskReports()).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("ResourceInitializationError: failed to download env files: arn:aws:s3:::bucket/web.env"));
    }

    @Test
    void aContainerKilledForMemoryIsReportedWithEcsOutOfMemoryReason() {
        AssignedTask t = task("t1", definition(container("web").build()));

        Plan plan = reconcile(t, List.of(observed(t, "web").oomKilled().build()), running(t), T0);

        ContainerReport web = plan.taskReports().get(0).containers().get(0);
        assertThat(web.reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(web.exitCode()).contains(137);
    }

    @Test
    void stoppedContainersAndTaskVolumesAreRemovedOnlyAfterTheReportAndTheCleanupWait() {
        var volume = TaskVolume.docker("scratch", new DockerVolumeSettings("task", false, "", Map.of(), Map.of()));
        AssignedTask t = withStatus(task("t1", definition("bridge", 0, 0, List.of(volume), container("web")
                .mountPoints(List.of(new VolumeMount("scratch", "/data", false))).build())), "STOPPED", "RUNNING");
        var web = observed(t, "web").exited(0);

        Plan first = reconcile(t, List.of(web.build()), running(t), T0);
        TaskReport report = first.taskReports().get(0);
        LocalTaskState reported = first.states().get(t.taskArn()).reported(report);
        assertThat(first.work()).isEmpty();

        assertThat(reconcile(t, List.of(web.build()), reported, T0.plusSeconds(599)).work()).isEmpty();
        Plan late = reconcile(t, List.of(web.build()), reported, T0.plusSeconds(600));
        assertThat(steps(late)).containsExactly(new Step.RemoveContainer("web", web.id()),
                new Step.RemoveVolume("berth-t1-scratch"));
        assertThat(late.taskReports()).isEmpty();
    }

    @Test
    void aTaskWhoseEssentialContainerExitsAtOnceIsReportedRunningThenStopped() {
        AssignedTask t = task("t1", definition(container("job").build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0).pulled("job", "", T0, T0)
                .created("job", "id-job-t1");

        Plan plan = reconcile(t, List.of(observed(t, "job").exited(3).build()), local, T0);

        assertThat(plan.taskReports()).extracting(TaskReport::status).containsExactly(TaskStatus.RUNNING,
                TaskStatus.STOPPED);
        assertThat(plan.taskReports().get(1).reason()).isEqualTo("Essential container in task exited");
    }

    @Test
    void aTaskStoppedBeforeAnythingRanIsReportedStoppedAtOnce() {
        AssignedTask t = withStatus(task("t1", definition(container("web").build())), "STOPPED", "PENDING");

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0);

        assertThat(plan.work()).isEmpty();
        assertThat(plan.taskReports()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskStatus.STOPPED);
            assertThat(r.containers()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("STOPPED"));
        });
    }

    @Test
    void aTaskTheControlPlaneAlreadyStoppedIsNotReportedAgain() {
        AssignedTask t = withStatus(task("t1", definition(container("web").build())), "STOPPED", "STOPPED");

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(observed(t, "web").exited(0).build()), Map.of(), T0);

        assertThat(plan.taskReports()).isEmpty();
        assertThat(plan.work()).isEmpty();
    }
}
