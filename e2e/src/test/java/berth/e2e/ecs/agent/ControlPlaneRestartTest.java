package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.httpGet;
import static berth.e2e.ecs.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * berth killed with SIGKILL while tasks run, on its own local agent and on a {@code berth agent}
 * process: the containers keep running, the restarted local agent adopts its containers as the same
 * container instance without starting duplicates, and the remote agent reconnects and keeps going.
 */
class ControlPlaneRestartTest {

    @TempDir
    static Path home;
    static BerthProcess berth;
    static AgentProcess remote;

    @BeforeAll
    static void start() throws Exception {
        busybox();
        berth = BerthProcess.start(home.resolve("berth"), Map.of());
        try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
            ecs.createCluster(r -> r.clusterName("remote"));
        }
        remote = AgentProcess.start(berth.endpoint(), home.resolve("remote-agent"), "--cluster", "remote",
                "--memory", "1024");
    }

    @AfterAll
    static void stop() throws Exception {
        remote.close();
        TaskRuns.removeContainers(berth.endpoint());
        berth.close();
    }

    @Test
    void runningTasksSurviveAControlPlaneKilledWithSigkill() throws Exception {
        int port = TaskRuns.freePort();
        Task local;
        Task onRemote;
        String instanceBefore;
        try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
            instanceBefore = TaskRuns.awaitInstances(ecs, "default", 1).get(0);
            TaskRuns.awaitInstances(ecs, "remote", 1);
            ecs.registerTaskDefinition(r -> r.family("survivor").containerDefinitions(c -> c.name("web")
                    .image(busybox()).memory(32).stopTimeout(1).command(TaskRuns.httpd("still-here", 8080))
                    .portMappings(PortMapping.builder().containerPort(8080).hostPort(port).build())));
            ecs.registerTaskDefinition(r -> r.family("sleeper").containerDefinitions(c -> c.name("app")
                    .image(busybox()).memory(32).stopTimeout(1).command("sh", "-c", "exec sleep 600")));
            local = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("survivor")).taskArn(), "RUNNING");
            onRemote = awaitStatus(ecs, "remote", run(ecs, r -> r.cluster("remote").taskDefinition("sleeper")).taskArn(),
                    "RUNNING");
        }
        List<String> localContainers = containersOf(local.taskArn(), true);
        List<String> remoteContainers = containersOf(onRemote.taskArn(), true);

        berth.kill9();
        assertThat(containersOf(local.taskArn(), false)).isEqualTo(localContainers);
        assertThat(httpGet("http://127.0.0.1:" + port + "/")).isEqualTo("still-here\n");
        berth.restart();

        try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
            assertThat(TaskRuns.awaitInstances(ecs, "default", 1)).containsExactly(instanceBefore);
            TaskRuns.awaitInstances(ecs, "remote", 1);
            Task adopted = TaskRuns.describe(ecs, "default", local.taskArn());
            assertThat(adopted.lastStatus()).isEqualTo("RUNNING");
            assertThat(adopted.containers().get(0).runtimeId()).isEqualTo(local.containers().get(0).runtimeId());
            assertThat(TaskRuns.describe(ecs, "remote", onRemote.taskArn()).lastStatus()).isEqualTo("RUNNING");
            assertThat(httpGet("http://127.0.0.1:" + port + "/")).isEqualTo("still-here\n");

            Task second = awaitStatus(ecs, "remote", run(ecs, r -> r.cluster("remote").taskDefinition("sleeper"))
                    .taskArn(), "RUNNING");
            TaskRuns.sleep(java.time.Duration.ofSeconds(2));
            assertThat(containersOf(local.taskArn(), true)).isEqualTo(localContainers);
            assertThat(containersOf(onRemote.taskArn(), true)).isEqualTo(remoteContainers);

            ecs.stopTask(r -> r.task(local.taskArn()));
            ecs.stopTask(r -> r.cluster("remote").task(onRemote.taskArn()));
            ecs.stopTask(r -> r.cluster("remote").task(second.taskArn()));
            assertThat(awaitStatus(ecs, "default", local.taskArn(), "STOPPED").containers().get(0).exitCode())
                    .isEqualTo(137);
            awaitStatus(ecs, "remote", onRemote.taskArn(), "STOPPED");
            awaitStatus(ecs, "remote", second.taskArn(), "STOPPED");
            assertThat(docker("ps", "-q", "--filter", "label=berth.control-plane=" + berth.endpoint())).isEmpty();
        }
    }
}
