package berth.agent.core;

import static berth.agent.core.Fixtures.RECONCILER;
import static berth.agent.core.Fixtures.T0;
import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.observed;
import static berth.agent.core.Fixtures.task;
import static berth.agent.core.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.NetworkMode;
import berth.agentwire.AssignedTask;
import berth.agentwire.ContainerPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restarted agent adopts its containers; other agents' containers are left alone; awsvpc namespaces. */
class RestartsAndNeighboursTest {

    @Test
    void aRestartedAgentAdoptsRunningContainersWithoutStartingOrReportingAgain() {
        AssignedTask t = withStatus(task("t1", definition(container("web").build())), "RUNNING", "RUNNING");

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(observed(t, "web").build()), Map.of(), T0);

        assertThat(plan.idle()).isTrue();
    }

    @Test
    void aContainerThatVanishedWhileTheAgentWasAwayIsReportedStopped() {
        AssignedTask t = withStatus(task("t1", definition(container("web").build(),
                container("side").essential(false).build())), "RUNNING", "RUNNING");
        var side = observed(t, "side");

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(side.build()), Map.of(), T0);

        assertThat(plan.work()).singleElement().satisfies(w -> assertThat(w.steps())
                .containsExactly(new Step.StopContainer("side", side.id(), Duration.ofSeconds(30))));
        assertThat(StartingTasksTest.created(plan)).isEmpty();
        Plan after = RECONCILER.reconcile(List.of(t), List.of(side.exited(143).build()), plan.states(), T0);
        TaskReport report = after.taskReports().get(0);
        assertThat(report.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.containers().get(0).reason())
                .isEqualTo("ContainerVanishedError: No container matching saved ID found");
    }

    @Test
    void containersOfTasksNoLongerAssignedAreStoppedThenRemoved() {
        AssignedTask gone = task("gone", definition(container("web").build()));
        var web = observed(gone, "web");

        Plan running = RECONCILER.reconcile(List.of(), List.of(web.build()), Map.of(), T0);
        assertThat(running.work()).singleElement().satisfies(w -> assertThat(w.steps())
                .containsExactly(new Step.StopContainer("web", web.id(), Duration.ofSeconds(30))));

        Plan exited = RECONCILER.reconcile(List.of(), List.of(web.exited(0).build()), Map.of(), T0);
        assertThat(exited.work()).singleElement().satisfies(w -> assertThat(w.steps())
                .containsExactly(new Step.RemoveContainer("web", web.id())));
        assertThat(exited.states()).isEmpty();
    }

    @Test
    void containersOfAnotherAgentOnTheSameEngineAreIgnored() {
        AssignedTask theirs = task("theirs", definition(container("web").build()));

        Plan plan = RECONCILER.reconcile(List.of(), List.of(observed(theirs, "web").agent("i-someoneelse0000").build()),
                Map.of(), T0);

        assertThat(plan.idle()).isTrue();
    }

    @Test
    void anAwsvpcTaskGetsItsNamespaceFirstThenJoinsItAndReportsItsAddress() {
        AssignedTask t = task("t1", definition("awsvpc", 0, 0, List.of(),
                container("web").portMappings(List.of(ContainerPort.tcp(8080, 8080))).build()));

        Plan first = RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0);
        List<Step> steps = first.work().get(0).steps();
        assertThat(steps.get(0)).isEqualTo(new Step.EnsureNetwork("berth-awsvpc", Map.of("berth.managed", "true")));
        assertThat(steps.get(1)).isEqualTo(new Step.EnsurePauseImage(AgentSettings.DEFAULT_PAUSE_IMAGE));
        assertThat(((Step.CreateContainer) steps.get(2)).spec().networkMode())
                .isEqualTo(NetworkMode.named("berth-awsvpc"));
        assertThat(StartingTasksTest.created(first)).containsExactly("berth-t1.pause");

        var pause = observed(t, TaskLayout.PAUSE).ip("berth-awsvpc", "172.30.0.5", "02:42:ac:1e:00:05").build();
        Plan second = RECONCILER.reconcile(List.of(t), List.of(pause), first.states(), T0);
        Step.CreateContainer web = (Step.CreateContainer) second.work().get(0).steps().stream()
                .filter(s -> s instanceof Step.CreateContainer).findFirst().orElseThrow();
        assertThat(web.spec().networkMode()).isEqualTo(NetworkMode.containerOf("berth-t1.pause"));
        assertThat(web.spec().portMappings()).isEmpty();
        assertThat(second.observations()).singleElement().satisfies(o -> {
            assertThat(o.privateIpv4Address()).isEqualTo("172.30.0.5");
            assertThat(o.macAddress()).isEqualTo("02:42:ac:1e:00:05");
        });
    }

    @Test
    void anAwsvpcTaskReleasesItsNamespaceBeforeItIsReportedStopped() {
        AssignedTask t = withStatus(task("t1", definition("awsvpc", 0, 0, List.of(), container("web").build())),
                "STOPPED", "RUNNING");
        var pause = observed(t, TaskLayout.PAUSE);
        var web = observed(t, "web").exited(143).build();

        Plan first = RECONCILER.reconcile(List.of(t), List.of(pause.build(), web), Map.of(), T0);
        assertThat(first.work().get(0).steps()).containsExactly(
                new Step.StopContainer(TaskLayout.PAUSE, pause.id(), Duration.ZERO));
        assertThat(first.taskReports()).isEmpty();

        Plan second = RECONCILER.reconcile(List.of(t), List.of(pause.exited(137).build(), web), first.states(), T0);
        assertThat(second.taskReports()).extracting(TaskReport::status).containsExactly(TaskStatus.STOPPED);
    }

    @Test
    void aFargateTaskRunsInAwsvpcModeWhateverTheDefinitionSays() {
        AssignedTask t = Fixtures.assignment("t1", definition("awsvpc", 256, 512, List.of(),
                container("web").build()), "FARGATE", "RUNNING", "PROVISIONING");

        Plan plan = RECONCILER.reconcile(List.of(t), List.of(), Map.of(), T0);

        assertThat(StartingTasksTest.created(plan)).containsExactly("berth-t1.pause");
    }
}
