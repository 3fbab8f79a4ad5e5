package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.httpGet;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The aws CLI's own scenario against berth's local agent: register a task definition from JSON, run
 * it, wait for it with {@code aws ecs wait tasks-running}, reach it, stop it and wait for
 * {@code tasks-stopped}; with every aws CLI installed here.
 */
@BerthTest
class AgentCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = """
            {
              "family": "cli-web-%s",
              "containerDefinitions": [{
                "name": "web",
                "image": "%s",
                "memory": 32,
                "stopTimeout": 1,
                "command": ["sh", "-c", "echo from-cli > /www/index.html && exec httpd -f -p 8080 -h /www"],
                "portMappings": [{"containerPort": 8080, "hostPort": %d}]
              }]
            }
            """;

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void runWaitReachAndStopATaskWithTheAwsCli(URI endpoint, EcsClient ecs, @TempDir Path dir) throws Exception {
        TaskRuns.awaitInstances(ecs, "default", 1);
        for (AwsCli cli : AwsCli.installed()) {
            String family = cli.toString().equals("/usr/bin/aws") ? "v2" : "v1";
            int port = TaskRuns.freePort();
            Path file = dir.resolve(family + ".json");
            Files.writeString(file, DEFINITION.formatted(family, busybox(), port));

            ok(cli.run(endpoint, "test", "test", "ecs", "register-task-definition", "--cli-input-json",
                    "file://" + file));
            JsonNode run = ok(cli.run(endpoint, "test", "test", "ecs", "run-task", "--task-definition",
                    "cli-web-" + family));
            String task = run.path("tasks").get(0).path("taskArn").asText();
            ok(cli.run(endpoint, "test", "test", "ecs", "wait", "tasks-running", "--tasks", task));

            JsonNode described = ok(cli.run(endpoint, "test", "test", "ecs", "describe-tasks", "--tasks", task))
                    .path("tasks").get(0);
            assertThat(described.path("lastStatus").asText()).as(cli.toString()).isEqualTo("RUNNING");
            assertThat(described.path("containers").get(0).path("networkBindings").get(0).path("hostPort").asInt())
                    .isEqualTo(port);
            assertThat(httpGet("http://127.0.0.1:" + port + "/")).isEqualTo("from-cli\n");
            assertThat(containersOf(task, false)).hasSize(1);

            ok(cli.run(endpoint, "test", "test", "ecs", "stop-task", "--task", task, "--reason", "done with it"));
            ok(cli.run(endpoint, "test", "test", "ecs", "wait", "tasks-stopped", "--tasks", task));
            JsonNode stopped = ok(cli.run(endpoint, "test", "test", "ecs", "describe-tasks", "--tasks", task))
                    .path("tasks").get(0);
            assertThat(stopped.path("stoppedReason").asText()).isEqualTo("done with it");
            assertThat(stopped.path("containers").get(0).path("exitCode").asInt()).isEqualTo(137);
            assertThat(containersOf(task, false)).isEmpty();
        }
    }

    private static JsonNode ok(AwsCli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }
}
