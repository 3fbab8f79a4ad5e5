package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One delivery per target of each enabled, matching rule; AWS services' events in the shapes AWS documents. */
class EventRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static Target sqs(String id) {
        return new Target(id, Target.Kind.SQS_SEND_MESSAGE, "arn:aws:sqs:us-east-1:123456789012:" + id, "", "", "$.detail",
                Map.of(), "", "", "", 60, 0, "", "{}");
    }

    private static Rule rule(String name, String pattern, Rule.State state, List<Target> targets) {
        return new Rule("123456789012", "us-east-1", "orders", name, Rule.arn("123456789012", "us-east-1", "orders", name), "",
                pattern, "", state, "", "", targets, 0, 0, 0, Map.of());
    }

    @Test
    void matchingEnabledRulesMakeOneDeliveryPerTarget() throws Exception {
        var event = EventEnvelope.of("e-1", "Order", "shop.web", "123456789012", NOW, "us-east-1", List.of(),
                JSON.readTree("{\"amount\":250}"));
        List<Rule> rules = List.of(
                rule("big", "{\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}", Rule.State.ENABLED, List.of(sqs("a"), sqs("b"))),
                rule("small", "{\"detail\":{\"amount\":[{\"numeric\":[\"<\",100]}]}}", Rule.State.ENABLED, List.of(sqs("c"))),
                rule("off", "{\"source\":[\"shop.web\"]}", Rule.State.DISABLED, List.of(sqs("d"))),
                rule("none", "{\"source\":[\"shop.web\"]}", Rule.State.ENABLED, List.of()));
        List<Delivery> out = EventRouting.route("123456789012", "us-east-1", "orders", "e-1", event, rules, EventPattern::parse, NOW);
        assertThat(out).extracting(d -> d.ruleName() + "/" + d.target().id()).containsExactly("big/a", "big/b");
        assertThat(out.get(0).payload()).isEqualTo("{\"amount\":250}");
        assertThat(out.get(0).ruleArn()).endsWith(":rule/orders/big");
        assertThat(JSON.readTree(out.get(0).event()).path("detail-type").asText()).isEqualTo("Order");
        assertThat(out.get(0).firstMillis()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void s3ObjectEventsInEventBridgesShape() {
        var created = ServiceEvents.s3(new ServiceEvents.ObjectChange("s3:ObjectCreated:Put", "uploads", "123456789012", "us-east-1",
                "in/a.txt", 5, "abc", "", "0000000000000001", NOW, "123456789012", "req-1", "10.0.0.1")).orElseThrow();
        assertThat(created.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(created.path("source").asText()).isEqualTo("aws.s3");
        assertThat(created.path("resources").get(0).asText()).isEqualTo("arn:aws:s3:::uploads");
        assertThat(created.path("detail").path("object").path("size").asInt()).isEqualTo(5);
        assertThat(created.path("detail").path("reason").asText()).isEqualTo("PutObject");
        var deleted = ServiceEvents.s3(new ServiceEvents.ObjectChange("s3:ObjectRemoved:DeleteMarkerCreated", "uploads",
                "123456789012", "us-east-1", "in/a.txt", 0, "", "v2", "0000000000000002", NOW, "123456789012", "req-2", "")).orElseThrow();
        assertThat(deleted.path("detail-type").asText()).isEqualTo("Object Deleted");
        assertThat(deleted.path("detail").path("deletion-type").asText()).isEqualTo("Delete Marker Created");
        assertThat(deleted.path("detail").path("object").has("size")).isFalse();
        assertThat(deleted.path("detail").path("object").path("version-id").asText()).isEqualTo("v2");
        assertThat(ServiceEvents.s3(new ServiceEvents.ObjectChange("s3:ObjectAcl:Put", "uploads", "123456789012", "us-east-1",
                "k", 0, "", "", "3", NOW, "", "", ""))).isEmpty();
    }

    @Test
    void anEcsTaskStateChangeCarriesTheTask() throws Exception {
        var task = JSON.readTree("{\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/c/1\",\"lastStatus\":\"STOPPED\","
                + "\"desiredStatus\":\"STOPPED\",\"version\":4}");
        var event = ServiceEvents.ecsTask("123456789012", "us-east-1", "arn:aws:ecs:us-east-1:123456789012:task/c/1", task, NOW);
        assertThat(event.path("detail-type").asText()).isEqualTo("ECS Task State Change");
        assertThat(event.path("detail")).isEqualTo(task);
        assertThat(ServiceEvents.ecsTask("123456789012", "us-east-1", "arn:aws:ecs:us-east-1:123456789012:task/c/1", task, NOW)
                .path("id")).as("the same change, the same event").isEqualTo(event.path("id"));
    }
}
