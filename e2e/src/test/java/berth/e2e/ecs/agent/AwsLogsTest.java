package berth.e2e.ecs.agent;

import berth.e2e.Policies;

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
import software.amazon.awssdk.services.iam.IamClient;

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

    /** A batch container that prints five lines and exits at once: its stream gets all five. */
    @Test
    void aContainerThatExitsAtOnceShipsEveryLine(EcsClient ecs, CloudWatchLogsClient logs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        ecs.registerTaskDefinition(r -> r.family("blink").containerDefinitions(c -> c.name("job").image(busybox())
                .memory(32).command("sh", "-c", "echo one; echo two; echo three; echo four; echo five")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/blink",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "batch", "awslogs-create-group", "true")))));

        for (int run = 0; run < 3; run++) {
            Task task = run(ecs, r -> r.taskDefinition("blink"));
            Task stopped = awaitStatus(ecs, "default", task.taskArn(), "STOPPED");
            assertThat(stopped.containers().get(0).exitCode()).isZero();
            String stream = "batch/job/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            assertThat(awaitEvents(logs, "/ecs/blink", stream, 5)).containsExactly("one", "two", "three", "four", "five");
        }
    }

    /**
     * An execution role that may not create the log group: the task stops before its container runs,
     * with the reason ECS gives when the awslogs driver cannot validate its arguments.
     */
    @Test
    void aGroupThatCannotBeCreatedStopsTheTaskBeforeItRuns(EcsClient ecs, IamClient iam, CloudWatchLogsClient logs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        String trust = Policies.trustService("ecs-tasks.amazonaws.com");
        String streamsOnly = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""";
        String role = iam.createRole(r -> r.roleName("logs-no-group").assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(r -> r.roleName("logs-no-group").policyName("streams").policyDocument(streamsOnly));
        ecs.registerTaskDefinition(r -> r.family("nolog").executionRoleArn(role).containerDefinitions(c -> c.name("app")
                .image(busybox()).memory(32).command("sh", "-c", "echo should-not-run; sleep 30")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/nolog",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "app", "awslogs-create-group", "true")))));

        Task task = run(ecs, r -> r.taskDefinition("nolog"));
        Task stopped = awaitStatus(ecs, "default", task.taskArn(), "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: failed to validate logger args: ")
                .contains("AccessDenied").contains("logs:CreateLogGroup");
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/nolog")).logGroups()).isEmpty();
        assertThat(docker("ps", "-a", "--filter", "label=berth.task-arn=" + task.taskArn(), "--filter",
                "status=running", "--format", "{{.Names}}")).isEmpty();
    }

    /** A group that does not exist, without awslogs-create-group: ResourceNotFoundException in the reason. */
    @Test
    void aMissingGroupStopsTheTask(EcsClient ecs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        ecs.registerTaskDefinition(r -> r.family("nogroup").containerDefinitions(c -> c.name("app").image(busybox())
                .memory(32).command("sh", "-c", "sleep 30")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/absent",
                        "awslogs-region", "us-east-1", "awslogs-stream-prefix", "app")))));

        Task stopped = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("nogroup")).taskArn(), "STOPPED");

        assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: failed to validate logger args: ")
                .contains("ResourceNotFoundException");
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
