package berth.e2e.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQS through the {@code aws} CLI v2 (2.9, at /usr/bin/aws), which still speaks Query, with SQS's
 * Query names ({@code MessageAttribute.1.Name}, flattened results). AWS JSON 1.0, the wire of the
 * v1 CLI and of the SDKs, is {@link SqsSdkTest}'s.
 */
@BerthTest(shared = true)
class SqsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static List<AwsCli> clis;
    private final URI endpoint;

    SqsCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void findClis() {
        clis = AwsCli.installed().stream().filter(cli -> cli.toString().equals("/usr/bin/aws")).toList();
        assertThat(clis).as("the aws CLI v2 must be installed at /usr/bin/aws").isNotEmpty();
    }

    private JsonNode ok(AwsCli aws, String... args) throws Exception {
        AwsCli.Result result = aws.run(endpoint, "test", "test", args);
        assertThat(result.exitCode()).as(aws + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    @Test
    void queuesAndMessagesRoundTripOnBothWires() throws Exception {
        for (AwsCli aws : clis) {
            String name = "cli-" + Math.abs(aws.toString().hashCode());
            String url = ok(aws, "sqs", "create-queue", "--queue-name", name, "--attributes",
                    "VisibilityTimeout=45,DelaySeconds=0", "--tags", "team=ops").path("QueueUrl").asText();
            assertThat(url).endsWith("/000000000000/" + name);
            assertThat(ok(aws, "sqs", "list-queues", "--queue-name-prefix", name).path("QueueUrls").toString()).contains(url);
            assertThat(ok(aws, "sqs", "get-queue-url", "--queue-name", name).path("QueueUrl").asText()).isEqualTo(url);
            JsonNode attributes = ok(aws, "sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                    .path("Attributes");
            assertThat(attributes.path("VisibilityTimeout").asText()).isEqualTo("45");
            assertThat(attributes.path("QueueArn").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + name);
            assertThat(ok(aws, "sqs", "list-queue-tags", "--queue-url", url).path("Tags").path("team").asText()).isEqualTo("ops");

            JsonNode sent = ok(aws, "sqs", "send-message", "--queue-url", url, "--message-body", "hello from " + aws,
                    "--message-attributes", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"},"
                            + "\"size\":{\"DataType\":\"Number\",\"StringValue\":\"7\"}}");
            assertThat(sent.path("MD5OfMessageBody").asText()).isEqualTo(SqsSdkTest.md5("hello from " + aws));
            assertThat(sent.path("MD5OfMessageAttributes").asText()).hasSize(32);
            ok(aws, "sqs", "send-message-batch", "--queue-url", url, "--entries",
                    "[{\"Id\":\"one\",\"MessageBody\":\"b1\"},{\"Id\":\"two\",\"MessageBody\":\"b2\",\"DelaySeconds\":0}]");

            JsonNode received = ok(aws, "sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                    "--attribute-names", "All", "--message-attribute-names", "All", "--wait-time-seconds", "1");
            JsonNode messages = received.path("Messages");
            assertThat(messages.size()).isEqualTo(3);
            JsonNode first = null;
            for (JsonNode message : messages) {
                if (message.path("Body").asText().startsWith("hello")) first = message;
            }
            assertThat(first).isNotNull();
            assertThat(first.path("MessageAttributes").path("color").path("StringValue").asText()).isEqualTo("blue");
            assertThat(first.path("MessageAttributes").path("size").path("DataType").asText()).isEqualTo("Number");
            assertThat(first.path("Attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
            assertThat(first.path("MD5OfBody").asText()).isEqualTo(SqsSdkTest.md5("hello from " + aws));
            StringBuilder deletes = new StringBuilder("[");
            for (JsonNode message : messages) {
                if (deletes.length() > 1) deletes.append(',');
                deletes.append("{\"Id\":\"d").append(deletes.length()).append("\",\"ReceiptHandle\":")
                        .append(JSON.writeValueAsString(message.path("ReceiptHandle").asText())).append('}');
            }
            ok(aws, "sqs", "delete-message", "--queue-url", url, "--receipt-handle", messages.get(0).path("ReceiptHandle").asText());
            JsonNode deleted = ok(aws, "sqs", "delete-message-batch", "--queue-url", url, "--entries", deletes.append(']').toString());
            assertThat(deleted.path("Successful").size()).as("deleting a deleted message's receipt again succeeds").isEqualTo(3);
            assertThat(ok(aws, "sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names",
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible").path("Attributes").toString())
                    .contains("\"ApproximateNumberOfMessages\":\"0\"").contains("\"ApproximateNumberOfMessagesNotVisible\":\"0\"");

            AwsCli.Result missing = aws.run(endpoint, "test", "test", "sqs", "get-queue-url", "--queue-name", "nope-" + name);
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("NonExistentQueue").contains("The specified queue does not exist.");
            AwsCli.Result invalid = aws.run(endpoint, "test", "test", "sqs", "set-queue-attributes", "--queue-url", url,
                    "--attributes", "MessageRetentionPeriod=5");
            assertThat(invalid.exitCode()).isNotZero();
            assertThat(invalid.stderr()).contains("InvalidAttributeValue");
            ok(aws, "sqs", "delete-queue", "--queue-url", url);
        }
    }
}
