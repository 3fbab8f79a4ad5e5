package berth.e2e.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A queue's depth reaches CloudWatch as SQS publishes it: AWS/SQS ApproximateNumberOfMessagesVisible and
 * …NotVisible by QueueName, read back with the SDK (berth publishes every second here instead of SQS's minute).
 */
class SqsMetricsTest {

    @Test
    void queueDepthsArriveInAwsSqs() throws Exception {
        Path home = Files.createTempDirectory("berth-sqs-metrics-");
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_SQS_METRICS_SECONDS", "1"))) {
            URI endpoint = berth.endpoint();
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
                 CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                         .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
                String url = sqs.createQueue(r -> r.queueName("orders")).queueUrl();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    sqs.sendMessage(r -> r.queueUrl(url).messageBody("order " + n));
                }
                assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(300))
                        .messages()).hasSize(1);
                Instant since = Instant.now();

                assertThat(latest(cw, "ApproximateNumberOfMessagesVisible", since, 2.0)).hasValue(2.0);
                assertThat(latest(cw, "ApproximateNumberOfMessagesNotVisible", since, 1.0)).hasValue(1.0);
                assertThat(cw.listMetrics(r -> r.namespace("AWS/SQS")).metrics())
                        .allSatisfy(m -> assertThat(m.dimensions()).singleElement()
                                .satisfies(d -> assertThat(d.name() + "=" + d.value()).isEqualTo("QueueName=orders")))
                        .extracting(m -> m.metricName())
                        .contains("ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible",
                                "ApproximateNumberOfMessagesDelayed", "ApproximateAgeOfOldestMessage");
            }
        }
    }

    /** The newest one-second maximum published after {@code since}, waiting up to 20 s for it to equal {@code expected}. */
    private static Optional<Double> latest(CloudWatchClient cw, String metric, Instant since, double expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Optional<Double> seen = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            seen = cw.getMetricStatistics(r -> r.namespace("AWS/SQS").metricName(metric)
                            .dimensions(d -> d.name("QueueName").value("orders")).statistics(Statistic.MAXIMUM).period(1)
                            .startTime(since.minusSeconds(1)).endTime(Instant.now().plusSeconds(1)))
                    .datapoints().stream().max((a, b) -> a.timestamp().compareTo(b.timestamp())).map(Datapoint::maximum);
            if (seen.isPresent() && seen.get() == expected) return seen;
            Thread.sleep(300);
        }
        return seen;
    }
}
