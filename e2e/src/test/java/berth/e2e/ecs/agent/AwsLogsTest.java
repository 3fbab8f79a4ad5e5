package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The awslogs log driver: a container's lines arrive in CloudWatch Logs (berth's logs service) in
 * stream {@code prefix/container/task-id} of a group the agent creates, and {@code docker logs}
 * still shows them.
 */
@BerthTest
class AwsLogsTest {

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void linesReachTheLogStreamAndDockerLogs(EcsClient ecs, CloudWatchLogsClient logs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        ecs.registerTaskDefinition(r -> r.family("chatty").containerDefinitions(c -> c.name("app").image(busybox())
                .memory(32).command("sh", "-c", "echo first; sleep 0.3; echo second >&2; sleep 1; echo third")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/chatty",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "web", "awslogs-create-group", "true")))));

        Task task = run(ecs, r -> r.taskDefinition("chatty"));
        awaitStatus(ecs, "default", task.taskArn(), "STOPPED");
        String stream = "web/app/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        List<String> shipped = awaitEvents(logs, "/ecs/chatty", stream, 3);
        assertThat(shipped).containsExactly("first", "second", "third");
        assertThat(docker("logs", containersOf(task.taskArn(), true).get(0))).containsExactlyInAnyOrder("first",
                "second", "third");
    }

    /**
     * A container that writes 100,000 lines of 90 bytes as fast as it can and exits: every line reaches
     * the stream, in order, also when the engine ends the followed log stream before its tail was read
     * (which it does on some runs only).
     */
    @Test
    void everyLineOfAFastWriterArrivesInOrder(EcsClient ecs, CloudWatchLogsClient logs) {
        int lines = 100_000;
        String pad = "x".repeat(80);
        TaskRuns.awaitInstances(ecs, "default", 1);
        ecs.registerTaskDefinition(r -> r.family("flood").containerDefinitions(c -> c.name("app").image(busybox())
                .memory(32).command("sh", "-c", "i=0; while [ $i -lt " + lines + " ]; do echo \"line $i " + pad + "\"; i=$((i+1)); done")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/flood",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "flood", "awslogs-create-group", "true")))));

        Task task = run(ecs, r -> r.taskDefinition("flood"));
        awaitStatus(ecs, "default", task.taskArn(), "STOPPED");
        String stream = "flood/app/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> shipped = List.of();
        while (shipped.size() < lines && Instant.now().isBefore(deadline)) {
            TaskRuns.sleep(Duration.ofMillis(500));
            shipped = allEvents(logs, "/ecs/flood", stream);
        }
        assertThat(shipped).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            if (!shipped.get(i).equals("line " + i + " " + pad)) {
                throw new AssertionError("event " + i + " is '" + shipped.get(i) + "', not 'line " + i + " ...'");
            }
        }
    }

    /** Every event of a stream, oldest first, following GetLogEvents' forward tokens to the end. */
    private static List<String> allEvents(CloudWatchLogsClient logs, String group, String stream) {
        List<String> events = new java.util.ArrayList<>();
        String token = null;
        try {
            while (true) {
                String from = token;
                var page = logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true)
                        .nextToken(from));
                page.events().forEach(e -> events.add(e.message()));
                if (page.nextForwardToken().equals(token)) {
                    return events;
                }
                token = page.nextForwardToken();
            }
        } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException notYet) {
            return List.of();
        }
    }

    private static List<String> awaitEvents(CloudWatchLogsClient logs, String group, String stream, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                events = logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true))
                        .events().stream().map(OutputLogEvent::message).toList();
                if (events.size() >= count) {
                    return events;
                }
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException notYet) {
                // the agent creates the group and stream as the container starts
            }
            TaskRuns.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("stream " + group + ":" + stream + " got only " + events);
    }
}
