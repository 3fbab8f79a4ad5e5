package berth.e2e.ecs.services;

import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.removeContainers;
import static berth.e2e.ecs.TaskRuns.sleep;
import static berth.e2e.ecs.services.ServiceRuns.*;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Task;

/** A rolling update interrupted by a SIGKILL of berth completes after the restart: the scheduler only converges. */
class ServiceRestartTest {
    @TempDir
    Path home;

    private static String register(EcsClient ecs, String script) {
        return ecs.registerTaskDefinition(r -> r.family("svc-restart").containerDefinitions(ContainerDefinition
                .builder().name("app").image(busybox()).memory(16).stopTimeout(1).command("sh", "-c", script).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static void awaitInstance(EcsClient ecs) {
        berth.e2e.ecs.TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @Test
    void aRollingUpdateInterruptedByAKillCompletesAfterTheRestart() throws Exception {
        busybox();
        try (BerthProcess berth = BerthProcess.start(home, Map.of())) {
            URI firstEndpoint = berth.endpoint();
            List<Task> oldTasks;
            String second;
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                awaitInstance(ecs);
                String first = register(ecs, "exec sleep 600");
                ecs.createService(r -> r.cluster(CLUSTER).serviceName("survivor").taskDefinition(first)
                        .desiredCount(2));
                await(ecs, "survivor", s -> s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED,
                        Duration.ofSeconds(60), "complete");
                oldTasks = tasksOf(ecs, "survivor");
                second = register(ecs, "echo v2; exec sleep 600");
                ecs.updateService(r -> r.cluster(CLUSTER).service("survivor").taskDefinition(second));
            }
            berth.kill9();
            berth.restart();
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                await(ecs, "survivor", s -> s.deployments().size() == 1 && s.taskDefinition().equals(second)
                        && s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                        && s.runningCount() == 2, Duration.ofSeconds(90), "complete the interrupted update");
                assertThat(tasksOf(ecs, "survivor")).hasSize(2)
                        .allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(second));
                // the replaced tasks were asked to stop; their containers stop within their stop timeout
                for (Task old : oldTasks) {
                    Instant deadline = Instant.now().plusSeconds(30);
                    while (!docker("ps", "-q", "--filter", "label=berth.task-arn=" + old.taskArn()).isEmpty()
                            && Instant.now().isBefore(deadline)) {
                        sleep(Duration.ofMillis(200));
                    }
                    assertThat(docker("ps", "-q", "--filter", "label=berth.task-arn=" + old.taskArn()))
                            .as("running containers of replaced task %s", old.taskArn()).isEmpty();
                    assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(old.taskArn())).tasks().get(0)
                            .desiredStatus()).isEqualTo("STOPPED");
                }
                ecs.deleteService(r -> r.cluster(CLUSTER).service("survivor").force(true));
                await(ecs, "survivor", s -> s.status().equals("INACTIVE"), Duration.ofSeconds(60), "become INACTIVE");
            } finally {
                removeContainers(berth.endpoint());
                removeContainers(firstEndpoint);
            }
        }
    }
}
