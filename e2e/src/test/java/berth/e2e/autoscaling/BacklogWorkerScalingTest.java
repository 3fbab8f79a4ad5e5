package berth.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.AwsCli;
import berth.e2e.BerthProcess;
import berth.e2e.Policies;
import berth.e2e.ecs.TaskRuns;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A worker service that scales on its queue's backlog per task, with real containers: each task runs
 * the unmodified aws CLI in a shell loop (receive a few messages, work a second on each, delete them)
 * as a task role allowed only to consume that queue. A target tracking policy on metric math (SQS's
 * ApproximateNumberOfMessagesVisible over Container Insights' RunningTaskCount), put with the CLI v1
 * from a file, scales the service out under a backlog, the added tasks drain it, and the service
 * scales back in. One berth with short metric intervals, alarm periods and cooldowns.
 */
class BacklogWorkerScalingTest {
    private static final String CLUSTER = "default";
    private static final String RESOURCE = "service/" + CLUSTER + "/worker";
    private static final Duration AWAIT = Duration.ofSeconds(120);
    /**
     * Receives up to 4 messages, works 1 s on each, says how many it did, and deletes them in one batch
     * (first it says whether its role refuses it to send one, as it should).
     * The CLI v1 sends sqs calls in us-east-1 to its legacy endpoint unless {@code --endpoint-url} is given
     * (it does not read {@code AWS_ENDPOINT_URL} for them), so the worker passes the variable berth injects.
     */
    private static final String WORKER = """
            sqs() { aws --endpoint-url "$AWS_ENDPOINT_URL" sqs "$@"; }
            url=$(sqs get-queue-url --queue-name jobs --query QueueUrl --output text) || exit 1
            sqs send-message --queue-url "$url" --message-body more 2>&1 | grep -q AccessDenied && echo "send refused"
            echo "polling $url"
            while :; do
              got=$(sqs receive-message --queue-url "$url" --max-number-of-messages 4 --wait-time-seconds 1 \\
                --query 'Messages[].{Id:MessageId,ReceiptHandle:ReceiptHandle}' --output json) || { sleep 1; continue; }
              n=$(printf '%s\\n' "$got" | grep -c '"Id"')
              [ "$n" -gt 0 ] || continue
              sleep "$n"; echo "worked $n"
              sqs delete-message-batch --queue-url "$url" --entries "$got" > /dev/null
            done
            """;
    private static BerthProcess berth;
    private static EcsClient ecs;
    private static SqsClient sqs;
    private static IamClient iam;
    private static ApplicationAutoScalingClient scaling;
    private static CloudWatchClient cloudwatch;
    private static AwsCli cliV1;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(Files.createTempDirectory("berth-backlog-"), Map.of("BERTH_AUTOSCALING_INTERVAL_MS", "500",
                "BERTH_CLOUDWATCH_EVALUATION_DELAY_MS", "1500", "BERTH_SQS_METRICS_SECONDS", "2",
                "BERTH_ECS_INSIGHTS_SECONDS", "2", "BERTH_TARGET_TRACKING_PERIOD_SECONDS", "10",
                "BERTH_TARGET_TRACKING_HIGH_PERIODS", "1", "BERTH_TARGET_TRACKING_LOW_PERIODS", "1"));
        ecs = client(EcsClient.builder());
        sqs = client(SqsClient.builder());
        iam = client(IamClient.builder());
        scaling = client(ApplicationAutoScalingClient.builder());
        cloudwatch = client(CloudWatchClient.builder());
        for (AwsCli cli : AwsCli.installed()) {
            if (cli.version().startsWith("aws-cli/1")) cliV1 = cli;
        }
        assertThat(cliV1).as("the aws CLI v1").isNotNull();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            TaskRuns.removeContainers(berth.endpoint());
            berth.close();
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        URI endpoint = berth.endpoint();
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Test
    void aWorkerServiceScalesOutOnItsBacklogPerTaskDrainsTheQueueAndScalesBackIn() throws Exception {
        ecs.updateClusterSettings(r -> r.cluster(CLUSTER).settings(s -> s.name("containerInsights").value("enabled")));
        String queueUrl = sqs.createQueue(r -> r.queueName("jobs").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                "5"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String roleArn = iam.createRole(r -> r.roleName("worker").assumeRolePolicyDocument(
                Policies.trustService("ecs-tasks.amazonaws.com"))).role().arn();
        iam.putRolePolicy(r -> r.roleName("worker").policyName("consume-jobs").policyDocument(Policies.allow(queueArn,
                "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes")));
        ContainerDefinition worker = ContainerDefinition.builder().name("worker").image(TestImages.ensureAwsCli())
                .memory(128).essential(true).stopTimeout(2).command("sh", "-c", WORKER).build();
        String definition = ecs.registerTaskDefinition(r -> r.family("worker").taskRoleArn(roleArn)
                .containerDefinitions(worker)).taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(definition).desiredCount(1));
        await("one worker running", () -> service(), s -> s.runningCount() == 1);
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(3));

        Path config = Files.createTempFile("backlog-policy-", ".json");
        Files.writeString(config, """
                {"TargetValue": 5.0, "ScaleOutCooldown": 5, "ScaleInCooldown": 5,
                 "CustomizedMetricSpecification": {"Metrics": [
                  {"Id": "m1", "ReturnData": false, "MetricStat": {"Stat": "Average", "Metric": {"Namespace": "AWS/SQS",
                   "MetricName": "ApproximateNumberOfMessagesVisible", "Dimensions": [{"Name": "QueueName", "Value": "jobs"}]}}},
                  {"Id": "m2", "ReturnData": false, "MetricStat": {"Stat": "Average", "Metric": {
                   "Namespace": "ECS/ContainerInsights", "MetricName": "RunningTaskCount",
                   "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "worker"}]}}},
                  {"Id": "e1", "Expression": "m1 / m2", "Label": "Backlog per task", "ReturnData": true}]}}
                """);
        AwsCli.Result put = cliV1.run(berth.endpoint(), "test", "test", "application-autoscaling", "put-scaling-policy",
                "--service-namespace", "ecs", "--scalable-dimension", "ecs:service:DesiredCount", "--resource-id", RESOURCE,
                "--policy-name", "backlog", "--policy-type", "TargetTrackingScaling",
                "--target-tracking-scaling-policy-configuration", "file://" + config);
        Files.delete(config);
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        assertThat(put.stdout()).contains("TargetTracking-" + RESOURCE + "-AlarmHigh-", "-AlarmLow-");
        MetricAlarm high = cloudwatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-" + RESOURCE + "-AlarmHigh-"))
                .metricAlarms().get(0);
        assertThat(high.metrics()).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "e1");
        assertThat(high.threshold()).isEqualTo(5.0);

        for (int batch = 0; batch < 3; batch++) {
            int first = batch * 10;
            sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(IntStream.range(first, first + 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("job " + i).build())
                    .toList()));
        }
        Service out = await("the backlog scales the service out", () -> service(), s -> s.desiredCount() >= 2);
        List<Task> added = await("the added tasks run", () -> runningTasks(), t -> t.size() >= 2);
        assertThat(added).allSatisfy(t -> {
            assertThat(t.group()).isEqualTo("service:worker");
            assertThat(t.taskDefinitionArn()).isEqualTo(definition);
        });
        await("the queue drains", () -> depth(queueUrl), d -> d == 0);
        Map<String, Integer> worked = await("every message was worked on at least once", () -> workedByTask(),
                m -> m.values().stream().mapToInt(Integer::intValue).sum() >= 30);
        assertThat(worked.values().stream().filter(n -> n > 0).count())
                .as("more than one task worked on the backlog: " + worked).isGreaterThanOrEqualTo(2);
        assertThat(workers()).as("each worker acts as the task role, which may not send")
                .allSatisfy(c -> assertThat(TaskRuns.docker("logs", c)).contains("send refused"));
        await("the idle service scales back in", () -> service(), s -> s.desiredCount() == 1 && s.runningCount() == 1);

        List<ScalingActivity> activities = scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE)).scalingActivities();
        assertThat(activities).as("activities").anyMatch(a -> a.cause().startsWith("monitor alarm TargetTracking-"
                        + RESOURCE + "-AlarmHigh-") && a.cause().endsWith(" in state ALARM triggered policy backlog")
                        && a.description().equals("Setting desired count to " + out.desiredCount() + ".")
                        && a.statusCodeAsString().equals("Successful"))
                .anyMatch(a -> a.cause().startsWith("monitor alarm TargetTracking-" + RESOURCE + "-AlarmLow-")
                        && a.description().equals("Setting desired count to 1."));
    }

    private static Service service() {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services("worker")).services().get(0);
    }

    private static List<Task> runningTasks() {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("worker")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        if (arns.isEmpty()) return List.of();
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .filter(t -> t.lastStatus().equals("RUNNING")).toList();
    }

    /** Visible and in-flight messages. */
    private static int depth(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Messages each worker task reported worked on, from its container's output. */
    private static Map<String, Integer> workedByTask() {
        Map<String, Integer> byTask = new HashMap<>();
        for (String container : workers()) {
            int n = 0;
            for (String line : TaskRuns.docker("logs", container)) {
                if (line.startsWith("worked ")) n += Integer.parseInt(line.substring("worked ".length()).strip());
            }
            byTask.merge(TaskRuns.label(container, "berth.task-arn"), n, Integer::sum);
        }
        return byTask;
    }

    /** The last lines of each worker container's output, for failure messages. */
    private static Map<String, List<String>> workerOutput() {
        Map<String, List<String>> out = new HashMap<>();
        for (String container : workers()) {
            List<String> lines = TaskRuns.docker("logs", container);
            out.put(container, lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        }
        return out;
    }

    private static List<String> workers() {
        return TaskRuns.docker("ps", "-a", "--filter", "label=berth.control-plane=" + berth.endpoint(),
                "--filter", "label=berth.container-name=worker", "--format", "{{.Names}}");
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(AWAIT);
        while (true) {
            T value = read.get();
            if (done.test(value)) return value;
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " within " + AWAIT + "; last seen " + value + "\nactivities: "
                        + scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(RESOURCE)).scalingActivities() + "\nalarms: " + cloudwatch.describeAlarms(r -> r
                        .alarmNamePrefix("TargetTracking-")).metricAlarms().stream()
                        .map(a -> a.alarmName() + " " + a.stateValueAsString() + " " + a.stateReason()).toList()
                        + "\nworkers: " + workerOutput());
            }
            TaskRuns.sleep(Duration.ofMillis(250));
        }
    }
}
