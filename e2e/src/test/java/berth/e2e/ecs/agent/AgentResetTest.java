package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.Berth;
import berth.junit5.BerthTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A reset removes every container and task volume berth's agents started and leaves no cluster; the
 * local agent joins the default cluster again as soon as it is created.
 */
@BerthTest
class AgentResetTest {

    @AfterAll
    static void removeContainers(Berth berth) {
        TaskRuns.removeContainers(berth.endpoint());
    }

    @Test
    void resetRemovesTheContainersAndTheLocalAgentComesBack(Berth berth, EcsClient ecs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        ecs.registerTaskDefinition(r -> r.family("doomed").volumes(v -> v.name("scratch")
                        .dockerVolumeConfiguration(d -> d.scope("task")))
                .containerDefinitions(c -> c.name("app").image(busybox()).memory(32)
                        .mountPoints(m -> m.sourceVolume("scratch").containerPath("/scratch"))
                        .command("sh", "-c", "exec sleep 600")));
        Task task = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("doomed")).taskArn(), "RUNNING");
        String filter = "label=berth.control-plane=" + berth.endpoint();
        assertThat(docker("volume", "ls", "-q", "--filter", filter)).hasSize(1);

        Instant started = Instant.now();
        berth.reset();

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(containersOf(task.taskArn(), true)).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", filter)).isEmpty();
        assertThat(ecs.listClusters().clusterArns()).as("a reset leaves no cluster, as in a fresh account").isEmpty();
        List<String> instances = TaskRuns.awaitInstances(ecs, "default", 1);
        assertThat(instances).hasSize(1);
        ecs.registerTaskDefinition(r -> r.family("after").containerDefinitions(c -> c.name("app").image(busybox())
                .memory(32).command("sh", "-c", "exec sleep 600")));
        Task after = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("after")).taskArn(), "RUNNING");
        assertThat(after.containerInstanceArn()).isEqualTo(instances.get(0));
    }
}
