package berth.agent.core;

import static berth.agent.core.Fixtures.RECONCILER;
import static berth.agent.core.Fixtures.T0;
import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.observed;
import static berth.agent.core.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.HealthStatus;
import berth.agent.runtime.NetworkBinding;
import berth.agent.runtime.TransportProtocol;
import berth.agentwire.AssignedTask;
import berth.agentwire.ContainerPort;
import berth.agentwire.DependencyCondition;
import berth.agentwire.DependsOn;
import berth.agentwire.LogSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task desired RUNNING: images, creation in dependency order, start, and the RUNNING report. */
class StartingTasksTest {

    private static Plan reconcile(AssignedTask task, List<ContainerObservation> observed, LocalTaskState local,
                                  java.time.Instant now) {
        return RECONCILER.reconcile(List.of(task), observed,
                local == null ? Map.of() : Map.of(task.taskArn(), local), now);
    }

    private static List<Step> steps(Plan plan) {
        return plan.work().isEmpty() ? List.of() : plan.work().get(0).steps();
    }

    @Test
    void aNewTaskEnsuresItsImageThenCreatesAndStartsItsContainer() {
        AssignedTask t = task("t1", definition(container("web").build()));

        Plan plan = reconcile(t, List.of(), null, T0);

        assertThat(steps(plan)).hasSize(3);
        assertThat(steps(plan).get(0)).isEqualTo(new Step.EnsureImage("web", Fixtures.busybox(), false, ""));
        Step.CreateContainer create = (Step.CreateContainer) steps(plan).get(1);
        assertThat(create.spec().name()).isEqualTo("berth-t1-web");
        assertThat(steps(plan).get(2)).isEqualTo(new Step.StartContainer("web", "berth-t1-web"));
        assertThat(plan.taskReports()).isEmpty();
        assertThat(plan.states()).containsKey(t.taskArn());
    }

    @Test
    void anAwslogsContainersStreamIsOpenedAfterItIsCreatedAndBeforeItStarts() {
        AssignedTask t = task("t1", definition(container("web").logConfiguration(new LogSettings(
                "awslogs", Map.of("awslogs-group", "/ecs/web", "awslogs-stream-prefix", "app",
                        "awslogs-create-group", "true"))).build()));

        List<Step> steps = steps(reconcile(t, List.of(), null, T0));

        assertThat(steps).hasSize(4);
        assertThat(steps.get(1)).isInstanceOf(Step.CreateContainer.class);
        Step.OpenLogStream open = (Step.OpenLogStream) steps.get(2);
        assertThat(open.container()).isEqualTo("berth-t1-web");
        assertThat(open.destination()).isEqualTo(new AwsLogsDestination("/ecs/web", "app", Optional.empty(), true));
        assertThat(open.destination().stream("web", open.taskId(), "abc")).isEqualTo("app/web/" + t.taskId());
        assertThat(steps.get(3)).isEqualTo(new Step.StartContainer("web", "berth-t1-web"));
    }

    @Test
    void withoutAStreamPrefixTheStreamIsTheContainerId() {
        var destination = new AwsLogsDestination("/ecs/web", "", Optional.of("eu-west-1"), false);
        assertThat(destination.stream("web", "task1", "0123abcd")).isEqualTo("0123abcd");
    }

    @Test
    void aRunningContainerMakesTheTaskRunningWithItsHostPortsAndPullTimes() {
        AssignedTask t = task("t1", definition(container("web").portMappings(List.of(ContainerPort.tcp(8080, 0))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("web", "", T0, T0.plusMillis(5)).created("web", "id-web-t1");
        var web = observed(t, "web").bound(8080, 32768).build();

        Plan plan = reconcile(t, List.of(web), local, T0.plusSeconds(1));

        assertThat(plan.work()).isEmpty();
        assertThat(plan.taskReports()).hasSize(1);
        TaskReport report = plan.taskReports().get(0);
        assertThat(report.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(report.pullStartedAt()).contains(T0);
        assertThat(report.pullStoppedAt()).contains(T0.plusMillis(5));
        assertThat(report.containers()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("RUNNING");
            assertThat(c.runtimeId()).isEqualTo(web.id());
            assertThat(c.networkBindings()).containsExactly(
                    new NetworkBinding("0.0.0.0", 8080, 32768, TransportProtocol.TCP));
        });

        Plan after = reconcile(t, List.of(web), plan.states().get(t.taskArn()).reported(report), T0.plusSeconds(2));
        assertThat(after.idle()).isTrue();
    }

    @Test
    void aContainerCreatedButNotStartedIsStartedNotCreatedAgain() {
        AssignedTask t = task("t1", definition(container("web").build()));
        var created = observed(t, "web").created();

        Plan plan = reconcile(t, List.of(created.build()), null, T0);

        assertThat(steps(plan)).containsExactly(new Step.StartContainer("web", created.id()));
    }

    @Test
    void aStartDependencyWaitsUntilTheDependencyRuns() {
        AssignedTask t = task("t1", definition(container("db").build(),
                container("app").dependsOn(List.of(new DependsOn("db", DependencyCondition.START))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("db", "", T0, T0).pulled("app", "", T0, T0);

        Plan first = reconcile(t, List.of(), local, T0);
        assertThat(created(first)).containsExactly("berth-t1-db");

        Plan second = reconcile(t, List.of(observed(t, "db").build()), local, T0.plusSeconds(1));
        assertThat(created(second)).containsExactly("berth-t1-app");
        assertThat(second.taskReports()).isEmpty();
        assertThat(second.containerReports()).extracting(r -> r.container().containerName()).containsExactly("db");
    }

    @Test
    void completeAndSuccessDependenciesWaitForTheDependencyToExit() {
        AssignedTask t = task("t1", definition(container("init").essential(false).build(),
                container("app").dependsOn(List.of(new DependsOn("init", DependencyCondition.SUCCESS))).build(),
                container("side").essential(false)
                        .dependsOn(List.of(new DependsOn("init", DependencyCondition.COMPLETE))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("init", "", T0, T0).pulled("app", "", T0, T0).pulled("side", "", T0, T0);

        assertThat(created(reconcile(t, List.of(observed(t, "init").build()), local, T0))).isEmpty();
        assertThat(created(reconcile(t, List.of(observed(t, "init").exited(0).build()), local, T0)))
                .containsExactly("berth-t1-app", "berth-t1-side");
    }

    @Test
    void aSuccessDependencyThatFailsStopsTheEssentialDependentWithEcsReason() {
        AssignedTask t = task("t1", definition(container("init").essential(false).build(),
                container("app").dependsOn(List.of(new DependsOn("init", DependencyCondition.SUCCESS))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("init", "", T0, T0).pulled("app", "", T0, T0);

        Plan plan = reconcile(t, List.of(observed(t, "init").exited(3).build()), local, T0.plusSeconds(1));

        assertThat(created(plan)).isEmpty();
        String reason = "CannotStartContainerError: dependency graph: failed to resolve container ordering dependency"
                + " [init] for target [app] as dependency did not exit successfully.";
        assertThat(plan.states().get(t.taskArn()).stop()).hasValueSatisfying(s -> {
            assertThat(s.stopCode()).isEqualTo("TaskFailedToStart");
            assertThat(s.reason()).isEqualTo(reason);
        });
        TaskReport stopped = plan.taskReports().get(0);
        assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.reason()).isEqualTo(reason);
        assertThat(stopped.containers()).filteredOn(c -> c.containerName().equals("app")).singleElement()
                .satisfies(c -> {
                    assertThat(c.exitCode()).contains(143);
                    assertThat(c.reason()).isEqualTo(reason);
                });
    }

    @Test
    void aHealthyDependencyWaitsForTheHealthCheckToPass() {
        AssignedTask t = task("t1", definition(container("db").build(),
                container("app").dependsOn(List.of(new DependsOn("db", DependencyCondition.HEALTHY))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("db", "", T0, T0).pulled("app", "", T0, T0);

        assertThat(created(reconcile(t, List.of(observed(t, "db").health(HealthStatus.STARTING).build()), local, T0)))
                .isEmpty();
        assertThat(created(reconcile(t, List.of(observed(t, "db").health(HealthStatus.UNHEALTHY).build()), local, T0)))
                .isEmpty();
        assertThat(created(reconcile(t, List.of(observed(t, "db").health(HealthStatus.HEALTHY).build()), local, T0)))
                .containsExactly("berth-t1-app");
    }

    @Test
    void aDependencyThatOutlivesItsStartTimeoutFailsTheDependent() {
        AssignedTask t = task("t1", definition(container("db").startTimeoutSeconds(10).build(),
                container("app").dependsOn(List.of(new DependsOn("db", DependencyCondition.HEALTHY))).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("db", "", T0, T0).pulled("app", "", T0, T0);
        var db = observed(t, "db").health(HealthStatus.STARTING).startedAt(T0).build();

        assertThat(reconcile(t, List.of(db), local, T0.plusSeconds(9)).states().get(t.taskArn()).stop()).isEmpty();
        Plan late = reconcile(t, List.of(db), local, T0.plusSeconds(11));
        assertThat(late.states().get(t.taskArn()).failures().get("app").reason())
                .isEqualTo("CannotStartContainerError: dependency graph: container ordering dependency [db] for target"
                        + " [app] has timed out.");
        assertThat(late.states().get(t.taskArn()).stop()).isPresent();
    }

    @Test
    void linksStartAfterTheLinkedContainerAndResolveItsBridgeAddress() {
        AssignedTask t = task("t1", definition(container("db").build(), container("app").links(List.of("db:database"))
                .build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, T0)
                .pulled("db", "", T0, T0).pulled("app", "", T0, T0);
        assertThat(created(reconcile(t, List.of(), local, T0))).containsExactly("berth-t1-db");

        Plan plan = reconcile(t, List.of(observed(t, "db").ip("bridge", "172.17.0.9", "02:42").build()), local, T0);
        Step.CreateContainer app = (Step.CreateContainer) steps(plan).stream()
                .filter(s -> s instanceof Step.CreateContainer).findFirst().orElseThrow();
        assertThat(app.spec().extraHosts()).extracting(h -> h.hostname() + "=" + h.ipAddress())
                .containsExactlyInAnyOrder("database=172.17.0.9", "db=172.17.0.9");
    }

    @Test
    void aNonEssentialContainerThatExitsIsReportedAloneAndTheTaskKeepsRunning() {
        AssignedTask t = task("t1", definition(container("web").build(), container("job").essential(false).build()));
        LocalTaskState local = LocalTaskState.first(t.taskArn(), TaskStatus.RUNNING, T0)
                .pulled("web", "", T0, T0).pulled("job", "", T0, T0);

        Plan plan = reconcile(t, List.of(observed(t, "web").build(), observed(t, "job").exited(2).build()), local, T0);

        assertThat(plan.work()).isEmpty();
        assertThat(plan.taskReports()).isEmpty();
        assertThat(plan.states().get(t.taskArn()).stop()).isEmpty();
        assertThat(plan.containerReports()).singleElement().satisfies(r -> {
            assertThat(r.container().containerName()).isEqualTo("job");
            assertThat(r.container().status()).isEqualTo("STOPPED");
            assertThat(r.container().exitCode()).isEqualTo(Optional.of(2));
        });
    }

    static List<String> created(Plan plan) {
        return plan.work().stream().flatMap(w -> w.steps().stream())
                .filter(s -> s instanceof Step.CreateContainer)
                .map(s -> ((Step.CreateContainer) s).spec().name())
                .toList();
    }
}
