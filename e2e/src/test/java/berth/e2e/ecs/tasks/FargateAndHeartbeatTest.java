package berth.e2e.ecs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agentwire.AssignedTask;
import berth.agentwire.TaskObservation;
import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Fargate capacity and agent liveness, on a berth of its own without the local agent and Fargate
 * runner ({@code BERTH_LOCAL_AGENT=0}) and with short timeouts, so the fake agents here are the only
 * ones: Fargate tasks go to the runner and to no container instance; an agent that stops polling is
 * disconnected; a Fargate task no runner picks up fails to start.
 */
class FargateAndHeartbeatTest {
    @TempDir
    static Path home;
    static BerthProcess berth;
    static EcsClient ecs;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(home, Map.of("BERTH_LOCAL_AGENT", "0", "BERTH_ECS_AGENT_TIMEOUT_SECONDS", "3",
                "BERTH_ECS_TASK_START_TIMEOUT_SECONDS", "4"));
        ecs = Clients.ecs(berth.endpoint());
        ecs.registerTaskDefinition(r -> r.family("fg").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("app").image("busybox")));
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx")
                .memory(256)));
    }

    @AfterAll
    static void stop() throws Exception {
        ecs.close();
        berth.close();
    }

    private Task describe(String cluster, String arn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0);
    }

    @Test
    void fargateTasksGoToTheRunnerAndToNoContainerInstance() throws Exception {
        ecs.createCluster(r -> r.clusterName("serverless").capacityProviders("FARGATE", "FARGATE_SPOT"));
        try (FakeAgent runner = new FakeAgent(berth.endpoint(), ecs, "serverless").asFargateRunner().start()) {
            Task run = ecs.runTask(r -> r.cluster("serverless").taskDefinition("fg").launchType("FARGATE")
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0f")))).tasks().get(0);
            assertThat(run.containerInstanceArn()).isNull();
            assertThat(run.platformVersion()).isEqualTo("1.4.0");
            assertThat(run.platformFamily()).isEqualTo("Linux");
            assertThat(run.cpu()).isEqualTo("256");
            assertThat(run.memory()).isEqualTo("512");
            AssignedTask assigned = runner.await(t -> t.taskArn().equals(run.taskArn()), Duration.ofSeconds(5));
            assertThat(assigned.containerInstanceArn()).isEmpty();
            assertThat(assigned.launchType()).isEqualTo("FARGATE");
            Waits.until(() -> describe("serverless", run.taskArn()).lastStatus(), s -> s.equals("ACTIVATING"),
                    Duration.ofSeconds(5));
            assertThat(runner.observe(new TaskObservation("serverless", run.taskArn(), List.of(), "10.10.0.4", "")))
                    .isEqualTo(204);
            Waits.until(() -> describe("serverless", run.taskArn()).lastStatus(), s -> s.equals("RUNNING"),
                    Duration.ofSeconds(5));

            Task spot = ecs.runTask(r -> r.cluster("serverless").taskDefinition("fg")
                    .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0f")))).tasks().get(0);
            assertThat(spot.capacityProviderName()).isEqualTo("FARGATE_SPOT");
            assertThat(spot.launchTypeAsString()).isEqualTo("FARGATE");
            runner.await(t -> t.taskArn().equals(spot.taskArn()), Duration.ofSeconds(5));
            String attachment = "arn:aws:ecs:us-east-1:000000000000:attachment/" + spot.attachments().get(0).id();
            ecs.submitAttachmentStateChanges(r -> r.cluster("serverless")
                    .attachments(a -> a.attachmentArn(attachment).status("ATTACHED")));
            Task spotRunning = Waits.until(() -> describe("serverless", spot.taskArn()),
                    t -> t.lastStatus().equals("RUNNING"), Duration.ofSeconds(5));
            assertThat(spotRunning.attachments().get(0).status()).isEqualTo("ATTACHED");
            assertThat(ecs.listContainerInstances(r -> r.cluster("serverless")).containerInstanceArns())
                    .as("Fargate capacity is no container instance").isEmpty();
            var cluster = ecs.describeClusters(r -> r.clusters("serverless")).clusters().get(0);
            assertThat(cluster.registeredContainerInstancesCount()).isZero();
            assertThat(cluster.runningTasksCount() + cluster.pendingTasksCount()).isEqualTo(2);
            assertThat(ecs.listTasks(r -> r.cluster("serverless").launchType("FARGATE")).taskArns()).hasSize(2);

            ecs.stopTask(r -> r.cluster("serverless").task(run.taskArn()));
            Waits.until(() -> describe("serverless", run.taskArn()).lastStatus(), s -> s.equals("STOPPED"),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void aFargateTaskNoRunnerPicksUpFailsToStart() {
        ecs.createCluster(r -> r.clusterName("unserved"));
        Task run = ecs.runTask(r -> r.cluster("unserved").taskDefinition("fg").launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0f")))).tasks().get(0);
        Task failed = Waits.until(() -> describe("unserved", run.taskArn()), t -> t.lastStatus().equals("STOPPED"),
                Duration.ofSeconds(15));
        assertThat(failed.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(failed.stoppedReason()).contains("no Fargate capacity is connected");
    }

    @Test
    void anAgentThatStopsPollingIsDisconnectedAndGetsNoTasks() throws Exception {
        ecs.createCluster(r -> r.clusterName("beats"));
        try (FakeAgent agent = new FakeAgent(berth.endpoint(), ecs, "beats").register("i-beat", "us-east-1a", 1024,
                1024).waitSeconds(1).start()) {
            Waits.until(() -> agent.received().size(), n -> n >= 3, Duration.ofSeconds(10));
            assertThat(connected(agent)).isTrue();
            Thread.sleep(4000);
            assertThat(connected(agent)).as("polling keeps the agent connected past the timeout").isTrue();

            agent.stopPolling();
            Waits.until(() -> connected(agent), c -> !c, Duration.ofSeconds(10));
            var refused = ecs.runTask(r -> r.cluster("beats").taskDefinition("web"));
            assertThat(refused.tasks()).isEmpty();
            assertThat(refused.failures()).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo("AGENT");
                assertThat(f.arn()).isEqualTo(agent.arn());
            });

            agent.start();
            Waits.until(() -> connected(agent), c -> c, Duration.ofSeconds(5));
            assertThat(ecs.runTask(r -> r.cluster("beats").taskDefinition("web")).tasks()).hasSize(1);
        }
    }

    private boolean connected(FakeAgent agent) {
        return ecs.describeContainerInstances(r -> r.cluster("beats").containerInstances(agent.arn()))
                .containerInstances().get(0).agentConnected();
    }
}
