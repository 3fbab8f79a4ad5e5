package berth.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A rule's deliveries are counted in CloudWatch as EventBridge counts them: AWS/Events MatchedEvents,
 * TriggeredRules, Invocations, FailedInvocations and DeadLetterInvocations by EventBusName and
 * RuleName (berth publishes every second here instead of every minute), read back with the SDK.
 */
class EventBridgeMetricsTest {

    @Test
    void deliveriesAndFailuresArriveInAwsEvents() throws Exception {
        Path home = Files.createTempDirectory("berth-events-metrics-");
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_EVENTS_METRICS_SECONDS", "1", "BERTH_LOCAL_AGENT", "0"))) {
            URI endpoint = berth.endpoint();
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
                 SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                         .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
                 CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                         .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
                Instant since = Instant.now();
                events.createEventBus(r -> r.name("shop"));
                String ruleArn = events.putRule(r -> r.name("orders").eventBusName("shop").eventPattern("{\"source\":[\"shop\"]}")).ruleArn();
                String inbox = sqs.createQueue(r -> r.queueName("inbox")).queueUrl();
                String inboxArn = arn(sqs, inbox);
                sqs.setQueueAttributes(r -> r.queueUrl(inbox).attributes(Map.of(QueueAttributeName.POLICY, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
                         "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                        .formatted(inboxArn, ruleArn))));
                String closed = sqs.createQueue(r -> r.queueName("closed")).queueUrl();
                events.putTargets(r -> r.rule("orders").eventBusName("shop").targets(t -> t.id("inbox").arn(inboxArn),
                        t -> t.id("closed").arn(arn(sqs, closed))));
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
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
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
