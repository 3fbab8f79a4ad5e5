package berth.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.Await;
import berth.e2e.AwsCli;
import berth.e2e.Policies;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge end to end with the SDK: an object uploaded to S3 (its bucket's EventBridge
 * notifications on) matches a rule whose ECS target runs a real task, as the target's role, with the
 * bucket and key passed through an InputTransformer as the container's environment; the task's own
 * role lets the aws CLI inside it read the object. The same rule's SQS target gets the detail by
 * InputPath, the task's STOPPED state change comes back as an "ECS Task State Change" event, a custom
 * bus forwards to the default bus, and a target the queue's policy refuses ends in its dead-letter queue.
 * The same architecture is set up once more with the aws CLI alone, and a cron rule fires its
 * "Scheduled Event" into a queue at the next minute.
 */
@BerthTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventBridgeTest {
    private static final String CLUSTER = "default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String cliImage;

    private final EventBridgeClient events;
    private final EcsClient ecs;
    private final IamClient iam;
    private final SqsClient sqs;
    private final S3Client s3;
    private final URI endpoint;

    EventBridgeTest(EventBridgeClient events, EcsClient ecs, IamClient iam, SqsClient sqs, URI endpoint) {
        this.endpoint = endpoint;
        this.events = events;
        this.ecs = ecs;
        this.iam = iam;
        this.sqs = sqs;
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String tickRuleArn;
    private static String ticksUrl;
    private static String runnerRole;
    private static String readerTaskDefinition;
    private static String clusterArn;

    /** The reader task (its role may read the uploads buckets) and the role rules run it as. */
    @BeforeAll
    static void readerTask(EcsClient ecs, IamClient iam) {
        cliImage = TestImages.ensureAwsCli();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        String readerRole = iam.createRole(r -> r.roleName("upload-reader")
                .assumeRolePolicyDocument(Policies.trustService("ecs-tasks.amazonaws.com"))).role().arn();
        iam.putRolePolicy(r -> r.roleName("upload-reader").policyName("read").policyDocument(
                Policies.allow("arn:aws:s3:::*uploads/*", "s3:GetObject")));
        runnerRole = iam.createRole(r -> r.roleName("events-runner")
                .assumeRolePolicyDocument(Policies.trustService("events.amazonaws.com"))).role().arn();
        iam.putRolePolicy(r -> r.roleName("events-runner").policyName("run").policyDocument(
                Policies.allow("*", "ecs:RunTask", "iam:PassRole")));
        readerTaskDefinition = ecs.registerTaskDefinition(r -> r.family("upload-reader").taskRoleArn(readerRole)
                .containerDefinitions(c -> c.name("app").image(cliImage).memory(256).essential(true).command("sh", "-c",
                        "body=$(aws s3 cp \"s3://$BUCKET/$KEY\" - 2>&1); status=$?; echo \"content=$body\"; exit $status")))
                .taskDefinition().taskDefinitionArn();
        clusterArn = ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).clusterArn();
    }

    /** A cron rule made first and checked last, so its wait for the next minute overlaps the other tests. */
    @BeforeAll
    static void everyMinute(EventBridgeClient events, SqsClient sqs) {
        tickRuleArn = events.putRule(r -> r.name("every-minute").scheduleExpression("cron(* * * * ? *)")).ruleArn();
        ticksUrl = EventQueues.allowingRule(sqs, "ticks", tickRuleArn);
        String arn = EventQueues.arn(sqs, ticksUrl);
        events.putTargets(r -> r.rule("every-minute").targets(t -> t.id("ticks").arn(arn)));
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    @Order(1)
    void anUploadedObjectRunsATaskWhoseRoleReadsIt() throws Exception {
        String taskDefinition = readerTaskDefinition;
        s3.createBucket(r -> r.bucket("uploads"));
        s3.putBucketNotificationConfiguration(r -> r.bucket("uploads")
                .notificationConfiguration(n -> n.eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));

        String ruleArn = events.putRule(r -> r.name("on-upload").eventPattern("""
                {"source":["aws.s3"],"detail-type":["Object Created"],
                 "detail":{"bucket":{"name":["uploads"]},"object":{"key":[{"prefix":"incoming/"}]}}}""")).ruleArn();
        String seenUrl = EventQueues.allowingRule(sqs, "uploads-seen", ruleArn);
        events.putTargets(r -> r.rule("on-upload").targets(
                Target.builder().id("reader").arn(clusterArn).roleArn(runnerRole)
                        .ecsParameters(e -> e.taskDefinitionArn(taskDefinition).taskCount(1))
                        .inputTransformer(t -> t.inputPathsMap(Map.of("bucket", "$.detail.bucket.name", "key", "$.detail.object.key"))
                                .inputTemplate("{\"containerOverrides\":[{\"name\":\"app\",\"environment\":["
                                        + "{\"name\":\"BUCKET\",\"value\":<bucket>},{\"name\":\"KEY\",\"value\":<key>}]}]}"))
                        .build(),
                Target.builder().id("seen").arn(EventQueues.arn(sqs, seenUrl)).inputPath("$.detail").build()));
        String changesRule = events.putRule(r -> r.name("reader-stopped").eventPattern("""
                {"source":["aws.ecs"],"detail-type":["ECS Task State Change"],
                 "detail":{"lastStatus":["STOPPED"],"startedBy":["events-rule/on-upload"]}}""")).ruleArn();
        String changesUrl = EventQueues.allowingRule(sqs, "task-changes", changesRule);
        events.putTargets(r -> r.rule("reader-stopped").targets(t -> t.id("changes").arn(EventQueues.arn(sqs, changesUrl))));

        s3.putObject(r -> r.bucket("uploads").key("outgoing/ignored.txt"), RequestBody.fromString("not for the rule"));
        s3.putObject(r -> r.bucket("uploads").key("incoming/report.txt"), RequestBody.fromString("hello from s3"));

        Task task = await(() -> stoppedTask("events-rule/on-upload"), t -> t != null, "the rule's task runs and stops");
        assertThat(task.overrides().containerOverrides().get(0).environment())
                .extracting(kv -> kv.name() + "=" + kv.value()).containsExactlyInAnyOrder("BUCKET=uploads", "KEY=incoming/report.txt");
        assertThat(output(task)).as("the task's role read the object").contains("content=hello from s3");
        assertThat(task.containers().get(0).exitCode()).isZero();

        JsonNode seen = JSON.readTree(receive(seenUrl, 1).get(0).body());
        assertThat(seen.path("bucket").path("name").asText()).isEqualTo("uploads");
        assertThat(seen.path("object").path("key").asText()).isEqualTo("incoming/report.txt");
        assertThat(seen.path("object").path("size").asInt()).isEqualTo("hello from s3".length());
        assertThat(seen.path("reason").asText()).isEqualTo("PutObject");

        JsonNode change = JSON.readTree(receive(changesUrl, 1).get(0).body());
        assertThat(change.path("detail-type").asText()).isEqualTo("ECS Task State Change");
        assertThat(change.path("source").asText()).isEqualTo("aws.ecs");
        assertThat(change.path("resources").get(0).asText()).isEqualTo(task.taskArn());
        assertThat(change.path("detail").path("taskArn").asText()).isEqualTo(task.taskArn());
        assertThat(List.of(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("events-rule/on-upload")
                .desiredStatus(DesiredStatus.STOPPED)).taskArns())).as("one object, one task").hasSize(1);
    }

    @Test
    @Order(2)
    void customBusesForwardTransformAndDeadLetter() throws Exception {
        String busArn = events.createEventBus(r -> r.name("orders")).eventBusArn();
        String forward = events.putRule(r -> r.name("big-orders").eventBusName("orders").eventPattern("""
                {"$or":[{"detail":{"amount":[{"numeric":[">=",100]}]}},{"detail":{"vip":[true]}}],
                 "source":[{"prefix":"shop."}]}""")).ruleArn();
        assertThat(forward).endsWith(":rule/orders/big-orders");
        String defaultBus = events.describeEventBus(r -> r.name("default")).arn();
        events.putTargets(r -> r.rule("big-orders").eventBusName("orders").targets(t -> t.id("to-default").arn(defaultBus)));
        String alertRule = events.putRule(r -> r.name("order-alerts").eventPattern("{\"source\":[{\"prefix\":\"shop.\"}]}")).ruleArn();
        String alertsUrl = EventQueues.allowingRule(sqs, "order-alerts", alertRule);
        String deniedUrl = sqs.createQueue(r -> r.queueName("no-policy")).queueUrl();
        String viaRoleUrl = sqs.createQueue(r -> r.queueName("via-role")).queueUrl();
        String sender = iam.createRole(r -> r.roleName("events-sender")
                .assumeRolePolicyDocument(Policies.trustService("events.amazonaws.com"))).role().arn();
        iam.putRolePolicy(r -> r.roleName("events-sender").policyName("send").policyDocument(
                Policies.allow(EventQueues.arn(sqs, viaRoleUrl), "sqs:SendMessage")));
        String dlqUrl = EventQueues.allowingRule(sqs, "order-dlq", alertRule);
        events.putTargets(r -> r.rule("order-alerts").targets(
                Target.builder().id("alerts").arn(EventQueues.arn(sqs, alertsUrl)).inputTransformer(t -> t
                        .inputPathsMap(Map.of("who", "$.detail.customer", "amount", "$.detail.amount"))
                        .inputTemplate("\"<who> ordered <amount> from <aws.events.rule-name>\"")).build(),
                Target.builder().id("denied").arn(EventQueues.arn(sqs, deniedUrl)).retryPolicy(p -> p.maximumRetryAttempts(0))
                        .deadLetterConfig(d -> d.arn(EventQueues.arn(sqs, dlqUrl))).build(),
                Target.builder().id("via-role").arn(EventQueues.arn(sqs, viaRoleUrl)).roleArn(sender).inputPath("$.detail").build()));

        PutEventsResponse put = events.putEvents(r -> r.entries(
                e -> e.eventBusName(busArn).source("shop.web").detailType("Order").detail("{\"customer\":\"ana\",\"amount\":250}"),
                e -> e.eventBusName("orders").source("shop.web").detailType("Order").detail("{\"customer\":\"bo\",\"amount\":5}"),
                e -> e.eventBusName("orders").source("shop.web").detailType("Order").detail("not json"),
                e -> e.eventBusName("orders").source("aws.s3").detailType("Order").detail("{}"),
                e -> e.eventBusName("orders").detailType("Order").detail("{}")));
        assertThat(put.failedEntryCount()).isEqualTo(3);
        assertThat(put.entries()).extracting(PutEventsResultEntry::errorCode)
                .containsExactly(null, null, "MalformedDetail", "NotAuthorizedForSourceException", "InvalidArgument");
        assertThat(put.entries().get(0).eventId()).isNotBlank();

        List<Message> alerts = receive(alertsUrl, 1);
        assertThat(alerts).extracting(Message::body).containsExactly("\"ana ordered 250 from order-alerts\"");
        Message dead = receive(dlqUrl, 1).get(0);
        assertThat(dead.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("SQS.AccessDenied");
        assertThat(dead.messageAttributes().get("RULE_ARN").stringValue()).isEqualTo(alertRule);
        assertThat(dead.messageAttributes().get("TARGET_ARN").stringValue()).isEqualTo(EventQueues.arn(sqs, deniedUrl));
        assertThat(JSON.readTree(dead.body()).path("id").asText()).isEqualTo(put.entries().get(0).eventId());
        assertThat(receive(viaRoleUrl, 1)).as("sent as the target's role, which the queue has no policy for")
                .extracting(Message::body).containsExactly("{\"customer\":\"ana\",\"amount\":250}");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(alertsUrl).waitTimeSeconds(1)).messages())
                .as("bo's small order was not forwarded").isEmpty();
    }

    @Test
    @Order(3)
    void theSameArchitectureWithTheAwsCli(@TempDir Path dir) throws Exception {
        AwsCli cli = AwsCli.installed().get(0);
        ok(cli.run(endpoint, "test", "test", "s3api", "create-bucket", "--bucket", "cli-uploads"));
        ok(cli.run(endpoint, "test", "test", "s3api", "put-bucket-notification-configuration", "--bucket", "cli-uploads",
                "--notification-configuration", "{\"EventBridgeConfiguration\":{}}"));
        ok(cli.run(endpoint, "test", "test", "events", "put-rule", "--name", "cli-on-upload", "--event-pattern",
                "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{\"bucket\":{\"name\":[\"cli-uploads\"]}}}"));
        Path targets = dir.resolve("targets.json");
        Files.writeString(targets, """
                [{"Id":"reader","Arn":"%s","RoleArn":"%s",
                  "EcsParameters":{"TaskDefinitionArn":"%s","TaskCount":1,"LaunchType":"EC2"},
                  "InputTransformer":{"InputPathsMap":{"bucket":"$.detail.bucket.name","key":"$.detail.object.key"},
                    "InputTemplate":"{\\"containerOverrides\\":[{\\"name\\":\\"app\\",\\"environment\\":[{\\"name\\":\\"BUCKET\\",\\"value\\":<bucket>},{\\"name\\":\\"KEY\\",\\"value\\":<key>}]}]}"},
                  "RetryPolicy":{"MaximumRetryAttempts":3}}]""".formatted(clusterArn, runnerRole, readerTaskDefinition));
        AwsCli.Result put = ok(cli.run(endpoint, "test", "test", "events", "put-targets", "--rule", "cli-on-upload",
                "--targets", "file://" + targets));
        assertThat(JSON.readTree(put.stdout()).path("FailedEntryCount").asInt()).isZero();
        Path file = dir.resolve("note.txt");
        Files.writeString(file, "uploaded by the cli");
        ok(cli.run(endpoint, "test", "test", "s3", "cp", file.toString(), "s3://cli-uploads/notes/note.txt"));

        Task task = await(() -> stoppedTask("events-rule/cli-on-upload"), t -> t != null, "the CLI rule's task runs and stops");
        assertThat(output(task)).contains("content=uploaded by the cli");
        assertThat(task.containers().get(0).exitCode()).isZero();
        AwsCli.Result listed = ok(cli.run(endpoint, "test", "test", "events", "list-targets-by-rule", "--rule", "cli-on-upload"));
        assertThat(JSON.readTree(listed.stdout()).path("Targets").get(0).path("RetryPolicy").path("MaximumRetryAttempts").asInt())
                .isEqualTo(3);
    }

    @Test
    @Order(4)
    void aCronRuleFiresItsScheduledEventAtTheNextMinute() throws Exception {
        JsonNode tick = JSON.readTree(receive(ticksUrl, 1).get(0).body());
        assertThat(tick.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(tick.path("source").asText()).isEqualTo("aws.events");
        assertThat(tick.path("resources").get(0).asText()).isEqualTo(tickRuleArn);
        assertThat(tick.path("time").asText()).endsWith(":00Z");
    }

    private static AwsCli.Result ok(AwsCli.Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }

    private List<Message> receive(String url, int count) {
        List<Message> got = new ArrayList<>();
        return await(() -> {
            got.addAll(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages());
            return got;
        }, m -> m.size() >= count, count + " message(s) in " + url);
    }

    private Task stoppedTask(String startedBy) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).startedBy(startedBy).desiredStatus(DesiredStatus.STOPPED)).taskArns();
        if (arns.isEmpty()) return null;
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .filter(t -> "STOPPED".equals(t.lastStatus())).findFirst().orElse(null);
    }

    private static String output(Task task) {
        List<String> names = TaskRuns.docker("ps", "-a", "--filter", "label=berth.task-arn=" + task.taskArn(), "--filter",
                "label=berth.container-name=app", "--format", "{{.Names}}");
        assertThat(names).hasSize(1);
        return String.join("\n", TaskRuns.docker("logs", names.get(0)));
    }

    static <T> T await(Supplier<T> read, Predicate<T> done, String what) {
        return Await.until(read, done, Duration.ofSeconds(90), what);
    }
}
