package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.await;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Scope;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Containers of a task start in dependsOn order, stop with their stop timeouts, report health, and
 * end the task with ECS's codes and reasons when an essential container exits or cannot start.
 */
@BerthTest
class ContainerLifecycleTest {

    private static final String CLUSTER = "default";
    private final EcsClient ecs;

    ContainerLifecycleTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    @BeforeAll
    static void image(EcsClient ecs) {
        busybox();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    private static ContainerDefinition.Builder container(String name, String script) {
        return ContainerDefinition.builder().name(name).image(busybox()).memory(32).stopTimeout(1)
                .command("sh", "-c", script);
    }

    private static Map<String, Container> byName(Task task) {
        return task.containers().stream().collect(Collectors.toMap(Container::name, Function.identity()));
    }

    @Test
    void containersStartAfterTheirDependenciesCompleteSucceedAndTurnHealthy() {
        MountPoint shared = MountPoint.builder().sourceVolume("shared").containerPath("/shared").build();
        ecs.registerTaskDefinition(r -> r.family("ordered")
                .volumes(Volume.builder().name("shared").dockerVolumeConfiguration(d -> d.scope(Scope.TASK)).build())
                .containerDefinitions(
                        container("init", "sleep 1; touch /shared/init-done").essential(false).mountPoints(shared).build(),
                        container("db", "sleep 1; touch /shared/db-ready; exec sleep 600").mountPoints(shared)
                                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "test -f /shared/db-ready")
                                        .interval(5).retries(1).build()).build(),
                        container("app", "ls /shared; exec sleep 600").mountPoints(shared)
                                .dependsOn(dependency("init", ContainerCondition.SUCCESS),
                                        dependency("db", ContainerCondition.HEALTHY)).build(),
                        container("side", "echo side; exec sleep 600").essential(false)
                                .dependsOn(dependency("init", ContainerCondition.COMPLETE)).build()));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("ordered"));
        Task running = await(ecs, CLUSTER, task.taskArn(), t -> "RUNNING".equals(t.lastStatus())
                && t.healthStatus() == HealthStatus.HEALTHY, Duration.ofSeconds(60), "run healthy");

        Map<String, Container> containers = byName(running);
        assertThat(containers.get("init").lastStatus()).isEqualTo("STOPPED");
        assertThat(containers.get("init").exitCode()).isZero();
        assertThat(containers.get("db").healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(containers.get("app").lastStatus()).isEqualTo("RUNNING");
        String app = containersOf(task.taskArn(), false).stream().filter(n -> n.endsWith("-app")).findFirst().orElseThrow();
        assertThat(docker("logs", app)).containsExactly("db-ready", "init-done");
        Instant dbStarted = Instant.parse(docker("inspect", "--format", "{{.State.StartedAt}}",
                containerId(containers.get("db"))).get(0));
        Instant appStarted = Instant.parse(docker("inspect", "--format", "{{.State.StartedAt}}",
                containerId(containers.get("app"))).get(0));
        assertThat(Duration.between(dbStarted, appStarted)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");
    }

    @Test
    void aSuccessDependencyThatFailsStopsTheTaskWithEcsReason() {
        ecs.registerTaskDefinition(r -> r.family("bad-init").containerDefinitions(
                container("init", "exit 4").essential(false).build(),
                container("app", "exec sleep 600").dependsOn(dependency("init", ContainerCondition.SUCCESS)).build()));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("bad-init"));
        Task stopped = awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");

        String reason = "CannotStartContainerError: dependency graph: failed to resolve container ordering dependency"
                + " [init] for target [app] as dependency did not exit successfully.";
        assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo(reason);
        assertThat(byName(stopped).get("init").exitCode()).isEqualTo(4);
        assertThat(byName(stopped).get("app").reason()).isEqualTo(reason);
        assertThat(containersOf(task.taskArn(), true)).noneMatch(n -> n.endsWith("-app"));
    }

    @Test
    void anEssentialContainerExitingStopsTheWholeTask() {
        ecs.registerTaskDefinition(r -> r.family("short-lived").containerDefinitions(
                container("web", "exec sleep 600").build(),
                container("job", "sleep 1; exit 7").build()));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("short-lived"));
        Task stopped = awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");

        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(byName(stopped).get("job").exitCode()).isEqualTo(7);
        assertThat(byName(stopped).get("web").exitCode()).isEqualTo(137);
        assertThat(containersOf(task.taskArn(), false)).isEmpty();
    }

    @Test
    void stopTaskWaitsTheStopTimeoutForAProcessThatTrapsSigterm() {
        ecs.registerTaskDefinition(r -> r.family("stubborn").containerDefinitions(
                container("app", "trap 'echo got-term' TERM; echo ready; while true; do sleep 0.1; done")
                        .stopTimeout(3).build()));
        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("stubborn"));
        awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");
        String container = containersOf(task.taskArn(), false).get(0);

        Instant asked = Instant.now();
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        Task stopped = awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");

        Instant finished = Instant.parse(docker("inspect", "--format", "{{.State.FinishedAt}}", container).get(0));
        assertThat(Duration.between(asked, finished)).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(10));
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137);
        assertThat(docker("logs", container)).containsExactly("ready", "got-term");
    }

    @Test
    void aFailingHealthCheckIsReportedUnhealthy() {
        ecs.registerTaskDefinition(r -> r.family("sick").containerDefinitions(container("app", "exec sleep 600")
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "exit 1").interval(5).retries(1).build()).build()));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("sick"));
        Task sick = await(ecs, CLUSTER, task.taskArn(), t -> t.healthStatus() == HealthStatus.UNHEALTHY,
                Duration.ofSeconds(30), "turn UNHEALTHY");

        assertThat(sick.containers().get(0).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");
    }

    @Test
    void containersThatCannotBePulledStartedOrKeptInMemoryCarryEcsReasons() {
        ecs.registerTaskDefinition(r -> r.family("no-image").containerDefinitions(ContainerDefinition.builder()
                .name("app").image("127.0.0.1:9/berth/absent:1").memory(32).build()));
        ecs.registerTaskDefinition(r -> r.family("no-exec").containerDefinitions(container("app", "")
                .command("/bin/does-not-exist").build()));
        ecs.registerTaskDefinition(r -> r.family("hungry").containerDefinitions(container("app",
                "head -c 64m /dev/zero | tail >/dev/null").memory(8).build()));

        Task pull = awaitStatus(ecs, CLUSTER, run(ecs, r -> r.cluster(CLUSTER).taskDefinition("no-image")).taskArn(),
                "STOPPED");
        Task exec = awaitStatus(ecs, CLUSTER, run(ecs, r -> r.cluster(CLUSTER).taskDefinition("no-exec")).taskArn(),
                "STOPPED");
        Task oom = awaitStatus(ecs, CLUSTER, run(ecs, r -> r.cluster(CLUSTER).taskDefinition("hungry")).taskArn(),
                "STOPPED");

        assertThat(pull.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(pull.stoppedReason()).startsWith("CannotPullContainerError: Error response from daemon: ");
        assertThat(pull.containers().get(0).reason()).isEqualTo(pull.stoppedReason());
        assertThat(exec.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(exec.stoppedReason()).startsWith("CannotStartContainerError: Error response from daemon: ")
                .contains("does-not-exist");
        assertThat(oom.containers().get(0).reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(oom.containers().get(0).exitCode()).isEqualTo(137);
    }

    private static ContainerDependency dependency(String name, ContainerCondition condition) {
        return ContainerDependency.builder().containerName(name).condition(condition).build();
    }

    private static String containerId(Container c) {
        return c.runtimeId();
    }
}
