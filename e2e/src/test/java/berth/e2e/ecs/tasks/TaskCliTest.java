package berth.e2e.ecs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code aws ecs run-task}, {@code describe-tasks} and {@code stop-task} with both installed aws CLIs. */
@BerthTest
class TaskCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EcsClient ecs;
    private final URI endpoint;

    TaskCliTest(EcsClient ecs, URI endpoint) {
        this.ecs = ecs;
        this.endpoint = endpoint;
    }

    @Test
    void runDescribeAndStopATaskWithTheCli() throws Exception {
        ecs.registerTaskDefinition(r -> r.family("cli-web").containerDefinitions(c -> c.name("web").image("nginx")
                .memory(128)));
        int n = 0;
        for (AwsCli cli : AwsCli.installed()) {
            String cluster = "cli-" + n++;
            ecs.createCluster(r -> r.clusterName(cluster));
            try (FakeAgent agent = new FakeAgent(endpoint, ecs, cluster).register("i-" + cluster, "us-east-1a", 1024,
                    1024).start()) {
                AwsCli.Result run = cli.run(endpoint, "test", "test", "ecs", "run-task", "--cluster", cluster,
                        "--task-definition", "cli-web", "--count", "2", "--started-by", "cli",
                        "--overrides", "{\"containerOverrides\":[{\"name\":\"web\",\"command\":[\"echo\",\"hi\"]}]}");
                assertThat(run.exitCode()).as(cli + ": " + run.stderr()).isZero();
                JsonNode tasks = JSON.readTree(run.stdout()).get("tasks");
                assertThat(tasks).hasSize(2);
                assertThat(JSON.readTree(run.stdout()).get("failures")).isEmpty();
                String arn = tasks.get(0).get("taskArn").asText();
                assertThat(tasks.get(0).get("overrides").get("containerOverrides").get(0).get("command").get(0).asText())
                        .isEqualTo("echo");
                assertThat(agent.await(t -> t.taskArn().equals(arn), Duration.ofSeconds(5)).containers().get(0)
                        .command()).containsExactly("echo", "hi");

                JsonNode described = Waits.until(() -> describe(cli, cluster, arn),
                        d -> d.get("tasks").get(0).get("lastStatus").asText().equals("RUNNING"), Duration.ofSeconds(10));
                assertThat(described.get("tasks").get(0).get("startedBy").asText()).isEqualTo("cli");
                assertThat(described.get("failures")).isEmpty();

                AwsCli.Result stop = cli.run(endpoint, "test", "test", "ecs", "stop-task", "--cluster", cluster,
                        "--task", arn, "--reason", "done from the cli");
                assertThat(stop.exitCode()).as(cli + ": " + stop.stderr()).isZero();
                JsonNode stopped = JSON.readTree(stop.stdout()).get("task");
                assertThat(stopped.get("desiredStatus").asText()).isEqualTo("STOPPED");
                assertThat(stopped.get("stoppedReason").asText()).isEqualTo("done from the cli");
                Waits.until(() -> describe(cli, cluster, arn),
                        d -> d.get("tasks").get(0).get("lastStatus").asText().equals("STOPPED"), Duration.ofSeconds(10));

                AwsCli.Result missing = cli.run(endpoint, "test", "test", "ecs", "stop-task", "--cluster", cluster,
                        "--task", "0123456789abcdef0123456789abcdef");
                assertThat(missing.exitCode()).isNotZero();
                assertThat(missing.stderr()).contains("InvalidParameterException");
            }
        }
        assertThat(n).as("aws CLIs found").isPositive();
    }

    private JsonNode describe(AwsCli cli, String cluster, String arn) {
        try {
            AwsCli.Result r = cli.run(endpoint, "test", "test", "ecs", "describe-tasks", "--cluster", cluster,
                    "--tasks", arn);
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            return JSON.readTree(r.stdout());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
