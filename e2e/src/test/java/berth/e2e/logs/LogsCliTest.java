package berth.e2e.logs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs through the {@code aws} CLI, v1 and v2, including {@code aws logs tail --follow} (v2). */
@BerthTest
class LogsCliTest {
    private static final Path CLI_V2 = Path.of("/usr/bin/aws");
    static List<AwsCli> clis;
    private final URI endpoint;

    LogsCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void findClis() {
        clis = AwsCli.installed();
        assertThat(clis).as("an aws CLI must be installed").isNotEmpty();
    }

    private AwsCli.Result ok(AwsCli aws, String... args) throws Exception {
        AwsCli.Result result = aws.run(endpoint, "test", "test", args);
        assertThat(result.exitCode()).as(aws + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    @Test
    void groupsStreamsEventsAndFiltersRoundTrip() throws Exception {
        for (AwsCli aws : clis) {
            String group = "/cli/" + Math.abs(aws.toString().hashCode());
            long now = System.currentTimeMillis();
            ok(aws, "logs", "create-log-group", "--log-group-name", group);
            ok(aws, "logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s1");
            ok(aws, "logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s1", "--log-events",
                    "[{\"timestamp\":" + (now - 2000) + ",\"message\":\"hello from the cli\"},"
                            + "{\"timestamp\":" + (now - 1000) + ",\"message\":\"ERROR something broke\"}]");
            AwsCli.Result events = ok(aws, "logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s1");
            assertThat(events.stdout()).contains("hello from the cli").contains("ERROR something broke")
                    .contains("\"nextForwardToken\": \"f/");
            AwsCli.Result filtered = ok(aws, "logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR");
            assertThat(filtered.stdout()).contains("ERROR something broke").doesNotContain("hello from the cli");
            AwsCli.Result groups = ok(aws, "logs", "describe-log-groups", "--log-group-name-prefix", group);
            assertThat(groups.stdout()).contains("\"arn\": \"arn:aws:logs:us-east-1:000000000000:log-group:" + group + ":*\"");
            ok(aws, "logs", "put-retention-policy", "--log-group-name", group, "--retention-in-days", "5");
            ok(aws, "logs", "tag-log-group", "--log-group-name", group, "--tags", "env=test");
            assertThat(ok(aws, "logs", "list-tags-log-group", "--log-group-name", group).stdout()).contains("\"env\": \"test\"");
            AwsCli.Result missing = aws.run(endpoint, "test", "test", "logs", "get-log-events", "--log-group-name", group,
                    "--log-stream-name", "nope");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("ResourceNotFoundException").contains("The specified log stream does not exist.");
            ok(aws, "logs", "delete-log-group", "--log-group-name", group);
        }
    }

    @Test
    void tailPrintsRecentEventsAndFollowsNewOnes() throws Exception {
        AwsCli v2 = clis.stream().filter(c -> c.toString().equals(CLI_V2.toString())).findFirst().orElse(null);
        assertThat(v2).as("AWS CLI v2 at /usr/bin/aws (apt-get install awscli)").isNotNull();
        ok(v2, "logs", "create-log-group", "--log-group-name", "/tailed");
        ok(v2, "logs", "create-log-stream", "--log-group-name", "/tailed", "--log-stream-name", "web");
        long now = System.currentTimeMillis();
        ok(v2, "logs", "put-log-events", "--log-group-name", "/tailed", "--log-stream-name", "web", "--log-events",
                "[{\"timestamp\":" + (now - 1000) + ",\"message\":\"first line\"}]");
        AwsCli.Result tail = ok(v2, "logs", "tail", "/tailed");
        assertThat(tail.stdout()).contains("web first line");

        ProcessBuilder follow = new ProcessBuilder(CLI_V2.toString(), "--endpoint-url", endpoint.toString(), "logs", "tail",
                "/tailed", "--follow", "--format", "short").redirectErrorStream(true);
        follow.environment().put("AWS_ACCESS_KEY_ID", "test");
        follow.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        follow.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        follow.environment().put("PYTHONUNBUFFERED", "1");
        Process process = follow.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) lines.add(line);
            } catch (java.io.IOException ignored) {
                // the process was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(awaitLine(lines, "first line", 20)).as("tail --follow shows the existing event").isTrue();
            ok(v2, "logs", "put-log-events", "--log-group-name", "/tailed", "--log-stream-name", "web", "--log-events",
                    "[{\"timestamp\":" + System.currentTimeMillis() + ",\"message\":\"live line\"}]");
            assertThat(awaitLine(lines, "live line", 20)).as("tail --follow shows an event put while it runs").isTrue();
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        assertThat(Files.isExecutable(CLI_V2)).isTrue();
    }

    private static boolean awaitLine(BlockingQueue<String> lines, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) return true;
        }
        return false;
    }
}
