package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.label;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Three agents started as {@code berth agent} processes on one Docker engine, each with its own
 * declared capacity, zone and data directory: tasks spread across them, each runs on the agent it was
 * placed on, capacity is honoured, and an agent killed with SIGKILL leaves its containers running,
 * adopts them when it comes back, and reports the one removed meanwhile as STOPPED.
 */
class PlacementAcrossAgentsTest {

    private static final String CLUSTER = "fleet";
    @TempDir
    static Path home;
    static BerthProcess berth;
    static EcsClient ecs;
    static final List<AgentProcess> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        busybox();
        berth = BerthProcess.start(home.resolve("berth"), Map.of("BERTH_LOCAL_AGENT", "0"));
        ecs = Clients.ecs(berth.endpoint());
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        for (String zone : List.of("a", "b", "c")) {
            agents.add(AgentProcess.start(berth.endpoint(), home.resolve("agent-" + zone), "--cluster", CLUSTER,
                    "--cpu", "1024", "--memory", "512", "--zone", "us-east-1" + zone, "--name", "agent-" + zone,
                    "--attribute", "rack=r-" + zone));
        }
        TaskRuns.awaitInstances(ecs, CLUSTER, 3);
        ecs.registerTaskDefinition(r -> r.family("worker").containerDefinitions(c -> c.name("work").image(busybox())
                .memory(256).stopTimeout(1).command("sh", "-c", "exec sleep 600")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        TaskRuns.removeContainers(berth.endpoint());
        ecs.close();
        berth.close();
    }

    @Test
    void tasksSpreadOverTheAgentsRunWhereTheyArePlacedAndRespectCapacity() throws Exception {
        RunTaskResponse response = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("worker").count(6)
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD)
                        .field("attribute:ecs.availability-zone").build()));
        assertThat(response.tasks()).hasSize(6);
        Map<String, Integer> perInstance = new HashMap<>();
        for (Task task : response.tasks()) {
            awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");
            List<String> names = containersOf(task.taskArn(), false);
            assertThat(names).hasSize(1);
            assertThat(label(names.get(0), "berth.instance")).isEqualTo(task.containerInstanceArn());
            perInstance.merge(task.containerInstanceArn(), 1, Integer::sum);
        }
        assertThat(perInstance).hasSize(3).allSatisfy((instance, count) -> assertThat(count).isEqualTo(2));
        assertThat(agents.stream().map(AgentProcess::containerInstanceArn).toList())
                .containsExactlyInAnyOrderElementsOf(perInstance.keySet());

        RunTaskResponse full = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("worker"));
        assertThat(full.tasks()).isEmpty();
        assertThat(full.failures()).extracting(f -> f.reason()).contains("RESOURCE:MEMORY");

        for (Task task : response.tasks()) {
            ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        }
        for (Task task : response.tasks()) {
            awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");
        }
    }

    @Test
    void anAgentKilledWithSigkillAdoptsItsContainersAndReportsVanishedOnes() throws Exception {
        AgentProcess b = agents.get(1);
        RunTaskResponse placed = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("worker").count(2)
                .placementConstraints(c -> c.type("memberOf").expression("attribute:rack == r-b")));
        assertThat(placed.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.containerInstanceArn())
                .isEqualTo(b.containerInstanceArn()));
        Task kept = awaitStatus(ecs, CLUSTER, placed.tasks().get(0).taskArn(), "RUNNING");
        Task lost = awaitStatus(ecs, CLUSTER, placed.tasks().get(1).taskArn(), "RUNNING");
        String keptContainer = containersOf(kept.taskArn(), false).get(0);
        String keptId = docker("inspect", "--format", "{{.Id}}", keptContainer).get(0);

        b.kill9();
        assertThat(containersOf(kept.taskArn(), false)).containsExactly(keptContainer);
        docker("rm", "-f", containersOf(lost.taskArn(), false).get(0));
        b.restart();

        assertThat(b.containerInstanceArn()).isEqualTo(kept.containerInstanceArn());
        Task vanished = awaitStatus(ecs, CLUSTER, lost.taskArn(), "STOPPED");
        assertThat(vanished.containers().get(0).reason())
                .isEqualTo("ContainerVanishedError: No container matching saved ID found");
        assertThat(TaskRuns.describe(ecs, CLUSTER, kept.taskArn()).lastStatus()).isEqualTo("RUNNING");
        assertThat(containersOf(kept.taskArn(), true)).containsExactly(keptContainer);
        assertThat(docker("inspect", "--format", "{{.Id}}", keptContainer)).containsExactly(keptId);
        assertThat(ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns()).hasSize(3);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(kept.taskArn()));
        assertThat(awaitStatus(ecs, CLUSTER, kept.taskArn(), "STOPPED").containers().get(0).exitCode()).isEqualTo(137);
    }
}
