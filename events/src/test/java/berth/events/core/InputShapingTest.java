package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input, InputPath and InputTransformer as the EventBridge User Guide's "Transforming input" examples shape them. */
class InputShapingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = """
            {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
             "detail":{"instance-id":"i-0123456789","state":"RUNNING","count":3,"tags":["a","b"],"note":"say \\"hi\\""}}""";

    private static InputShaping.Matched matched() throws Exception {
        return new InputShaping.Matched(JSON.readTree(EVENT), "arn:aws:events:us-east-1:123456789012:rule/r", "r",
                "2015-11-11T21:29:55Z");
    }

    private static Target target(String input, String path, Map<String, String> paths, String template) {
        return new Target("t", Target.Kind.SQS_SEND_MESSAGE, "arn:aws:sqs:us-east-1:123456789012:q", "", input, path, paths,
                template, "", "", 60, 0, "", "{}");
    }

    @Test
    void withoutShapingTheTargetGetsTheWholeEvent() throws Exception {
        assertThat(JSON.readTree(InputShaping.payload(target("", "", Map.of(), ""), matched()))).isEqualTo(JSON.readTree(EVENT));
    }

    @Test
    void constantInputAndInputPath() throws Exception {
        assertThat(InputShaping.payload(target("{\"fixed\":1}", "", Map.of(), ""), matched())).isEqualTo("{\"fixed\":1}");
        assertThat(InputShaping.payload(target("", "$.detail.state", Map.of(), ""), matched())).isEqualTo("\"RUNNING\"");
        assertThat(InputShaping.payload(target("", "$.resources[0]", Map.of(), ""), matched()))
                .isEqualTo("\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"");
        assertThat(JSON.readTree(InputShaping.payload(target("", "$.detail", Map.of(), ""), matched())).path("count").asInt())
                .isEqualTo(3);
        assertThat(InputShaping.payload(target("", "$.detail['instance-id']", Map.of(), ""), matched())).isEqualTo("\"i-0123456789\"");
    }

    @Test
    void aJsonTemplateTakesValuesAsJsonOutsideStringsAndAsTextInside() throws Exception {
        Map<String, String> paths = Map.of("instance", "$.detail.instance-id", "state", "$.detail.state",
                "count", "$.detail.count", "tags", "$.detail.tags", "note", "$.detail.note", "missing", "$.detail.nothing");
        String out = InputShaping.payload(target("", "", paths, """
                {"instance":<instance>,"state":[9,<state>,true],"count":<count>,"tags":<tags>,
                 "text":"instance <instance> is in <state> (<count>): <note>","missing":<missing>,"gone":"[<missing>]",
                 "rule":<aws.events.rule-name>,"at":"<aws.events.event.ingestion-time>","original":<aws.events.event>}"""), matched());
        JsonNode shaped = JSON.readTree(out);
        assertThat(shaped.path("instance").asText()).isEqualTo("i-0123456789");
        assertThat(shaped.path("state").get(1).asText()).isEqualTo("RUNNING");
        assertThat(shaped.path("count").isInt()).isTrue();
        assertThat(shaped.path("tags")).hasSize(2);
        assertThat(shaped.path("text").asText()).isEqualTo("instance i-0123456789 is in RUNNING (3): say \"hi\"");
        assertThat(shaped.path("missing").isNull()).isTrue();
        assertThat(shaped.path("gone").asText()).isEqualTo("[]");
        assertThat(shaped.path("rule").asText()).isEqualTo("r");
        assertThat(shaped.path("at").asText()).isEqualTo("2015-11-11T21:29:55Z");
        assertThat(shaped.path("original").path("id").asText()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
    }

    @Test
    void aStringTemplateAndUnknownPlaceholders() throws Exception {
        assertThat(InputShaping.payload(target("", "", Map.of("state", "$.detail.state"),
                "\"The instance is <state>, <unknown> stays\""), matched())).isEqualTo("\"The instance is RUNNING, <unknown> stays\"");
    }

    @Test
    void jsonPathsAreChecked() {
        assertThatThrownBy(() -> JsonPath.parse("detail.state")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("$.detail..state")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("$.resources[x]")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPath.parse("$").toString()).isEqualTo("$");
    }
}
