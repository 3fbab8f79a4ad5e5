package berth.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.Await;
import berth.e2e.BerthProcess;
import berth.e2e.Policies;
import berth.e2e.ecs.TaskRuns;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge in a berth process of its own (metrics every second instead of every minute): a rule's deliveries are counted in CloudWatch as EventBridge counts them (AWS/Events
 * MatchedEvents, TriggeredRules, Invocations, FailedInvocations by EventBusName and RuleName, and the
 * account's total); and an accepted event's delivery survives SIGKILL: a target whose RunTask keeps
 * failing (no container instance has the memory its task asks for) is being retried when berth is killed, the retries
 * go on after the restart from the attempts already made until the retry policy gives up, and the
 * event arrives in the dead-letter queue with every attempt counted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventBridgeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider TEST = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static BerthProcess berth;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(Files.createTempDirectory("berth-events-"),
                Map.of("BERTH_EVENTS_METRICS_SECONDS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) berth.close();
    }

    private static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(TEST)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static EventBridgeClient events(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(TEST)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    @Order(1)
    void deliveriesAndFailuresArriveInAwsEvents() throws Exception {
        URI endpoint = berth.endpoint();
        try (EventBridgeClient events = events(endpoint); SqsClient sqs = sqs(endpoint);
             CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(TEST).httpClient(UrlConnectionHttpClient.create()).build()) {
            Instant since = Instant.now();
            events.createEventBus(r -> r.name("shop"));
            String ruleArn = events.putRule(r -> r.name("orders").eventBusName("shop").eventPattern("{\"source\":[\"shop\"]}")).ruleArn();
            String inboxArn = EventQueues.arn(sqs, EventQueues.allowingRule(sqs, "inbox", ruleArn));
            String closed = sqs.createQueue(r -> r.queueName("closed")).queueUrl();
            events.putTargets(r -> r.rule("orders").eventBusName("shop").targets(t -> t.id("inbox").arn(inboxArn),
                    t -> t.id("closed").arn(EventQueues.arn(sqs, closed))));
            for (int i = 0; i < 3; i++) {
                events.putEvents(r -> r.entries(e -> e.eventBusName("shop").source("shop").detailType("order").detail("{}")));
            }

            List<Dimension> rule = List.of(Dimension.builder().name("EventBusName").value("shop").build(),
                    Dimension.builder().name("RuleName").value("orders").build());
            assertThat(sum(cw, "MatchedEvents", rule, since, 3)).isEqualTo(3);
            assertThat(sum(cw, "TriggeredRules", rule, since, 3)).isEqualTo(3);
            assertThat(sum(cw, "Invocations", rule, since, 6)).as("three events, two targets each").isEqualTo(6);
            assertThat(sum(cw, "FailedInvocations", rule, since, 3)).as("the closed queue's policy refuses").isEqualTo(3);
            assertThat(sum(cw, "Invocations", List.of(), since, 6)).as("the account's total").isEqualTo(6);
        }
    }

    @Test
    @Order(2)
    void aDeliveryBeingRetriedResumesAfterKillNine() throws Exception {
        String eventId;
        String dlqUrl;
        String ruleArn;
        URI endpoint = berth.endpoint();
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(TEST).httpClient(UrlConnectionHttpClient.create()).build();
             EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(TEST).httpClient(UrlConnectionHttpClient.create()).build();
             IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                     .credentialsProvider(TEST).httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = sqs(endpoint)) {
            TaskRuns.awaitInstances(ecs, "default", 1);
            String cluster = ecs.describeClusters(r -> r.clusters("default")).clusters().get(0).clusterArn();
            String taskDefinition = ecs.registerTaskDefinition(r -> r.family("never-placed").containerDefinitions(c -> c
                    .name("app").image("busybox").memory(64 * 1024 * 1024))).taskDefinition().taskDefinitionArn();
            String role = iam.createRole(r -> r.roleName("runner").assumeRolePolicyDocument(
                    Policies.trustService("events.amazonaws.com"))).role().arn();
            iam.putRolePolicy(r -> r.roleName("runner").policyName("run").policyDocument(Policies.allow("*", "ecs:RunTask")));
            ruleArn = events.putRule(r -> r.name("jobs").eventPattern("{\"source\":[\"jobs\"]}")).ruleArn();
            dlqUrl = EventQueues.allowingRule(sqs, "jobs-dlq", ruleArn);
            String dlqArn = EventQueues.arn(sqs, dlqUrl);
            events.putTargets(r -> r.rule("jobs").targets(Target.builder().id("run").arn(cluster).roleArn(role)
                    .ecsParameters(e -> e.taskDefinitionArn(taskDefinition))
                    .retryPolicy(p -> p.maximumRetryAttempts(4).maximumEventAgeInSeconds(300))
                    .deadLetterConfig(d -> d.arn(dlqArn)).build()));
            eventId = events.putEvents(r -> r.entries(e -> e.source("jobs").detailType("job").detail("{\"n\":1}")))
                    .entries().get(0).eventId();
            Thread.sleep(1500);
            assertThat(sqs.receiveMessage(r -> r.queueUrl(dlqUrl).messageAttributeNames("All")).messages()).as("still being retried")
                    .extracting(m -> m.messageAttributes().toString()).isEmpty();
        }
        berth.kill9();
        berth.restart();

        try (SqsClient sqs = sqs(berth.endpoint())) {
            List<Message> dead = new ArrayList<>();
            Await.until(() -> {
                dead.addAll(sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1).messageAttributeNames("All")).messages());
                return dead;
            }, d -> !d.isEmpty(), Duration.ofSeconds(60), "the event in the dead-letter queue after the restart");
            Message message = dead.get(0);
            assertThat(JSON.readTree(message.body()).path("id").asText()).isEqualTo(eventId);
            assertThat(message.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("ECS.RunTaskFailure");
            assertThat(message.messageAttributes().get("ERROR_MESSAGE").stringValue()).contains("RESOURCE:MEMORY");
            assertThat(message.messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue()).isEqualTo("MaximumRetryAttempts");
            assertThat(message.messageAttributes().get("RETRY_ATTEMPTS").stringValue()).as("the attempts before the kill count")
                    .isEqualTo("4");
            assertThat(message.messageAttributes().get("RULE_ARN").stringValue()).isEqualTo(ruleArn);
        }
    }

    /** The metric's sum since {@code since}, waiting up to 20 s for it to reach {@code expected}. */
    private static double sum(CloudWatchClient cw, String metric, List<Dimension> dimensions, Instant since, double expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        double seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = cw.getMetricStatistics(r -> r.namespace("AWS/Events").metricName(metric).dimensions(dimensions)
                            .statistics(Statistic.SUM).period(60).startTime(since.minusSeconds(60)).endTime(Instant.now().plusSeconds(60)))
                    .datapoints().stream().mapToDouble(Datapoint::sum).sum();
            if (seen >= expected) return seen;
            Thread.sleep(300);
        }
        return seen;
    }
}
