package berth.elb.state;

import static org.assertj.core.api.Assertions.assertThat;

import berth.elb.core.Action;
import berth.elb.core.Condition;
import berth.elb.core.HealthCheck;
import berth.elb.core.Listener;
import berth.elb.core.ListenerProtocol;
import berth.elb.core.LoadBalancerType;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetGroupAttributes;
import berth.elb.core.TargetProtocol;
import berth.elb.core.TargetType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core records survive the trip through their stored JSON, sealed variants included. */
class RecordsRoundTripTest {

    @Test
    void listenersRulesAndTargetGroupsReadBackEqual() {
        Listener listener = new Listener("1", "r", LoadBalancerType.APPLICATION, "lb", "a", "b", ListenerProtocol.HTTP, 80,
                List.of(new Action.Forward(List.of(new Action.WeightedTargetGroup("tg1", 3), new Action.WeightedTargetGroup("tg2", 1)), true, 60)),
                "c", Map.of("k", "v"));
        assertThat(Json.read(Json.write(listener), Listener.class)).isEqualTo(listener);
        Rule rule = new Rule("1", "r", LoadBalancerType.APPLICATION, "lb", "a", "b", "d", 7,
                List.of(new Condition.PathPattern(List.of("/x/*")), new Condition.HostHeader(List.of("h")),
                        new Condition.HttpHeader("X", List.of("y")), new Condition.HttpRequestMethod(List.of("GET")),
                        new Condition.QueryString(List.of(new Condition.KeyValue("", "v"))), new Condition.SourceIp(List.of("10.0.0.0/8"))),
                List.of(new Action.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", 301)), Map.of());
        assertThat(Json.read(Json.write(rule), Rule.class)).isEqualTo(rule);
        Rule fixed = rule.withConditionsAndActions(rule.conditions(), List.of(new Action.FixedResponse(503, "text/plain", "down")));
        assertThat(Json.read(Json.write(fixed), Rule.class)).isEqualTo(fixed);
        TargetGroup tg = new TargetGroup("1", "r", "tg", "e", TargetProtocol.HTTP, 80, TargetType.IP, "vpc-1",
                HealthCheck.defaultsFor(TargetProtocol.HTTP), TargetGroupAttributes.defaultsFor(TargetProtocol.HTTP),
                Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        assertThat(Json.read(Json.write(tg), TargetGroup.class)).isEqualTo(tg);
    }
}
