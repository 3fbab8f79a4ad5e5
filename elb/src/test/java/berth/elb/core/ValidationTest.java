package berth.elb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of conditions, actions and matchers AWS accepts and refuses. */
class ValidationTest {

    private static void refused(Runnable r, ElbError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ElbException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void conditionLimits() {
        refused(() -> ConditionRules.validate(List.of()), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.PathPattern(List.of("/a")), new Condition.PathPattern(List.of("/b")))),
                ElbError.VALIDATION);
        assertThatCode(() -> ConditionRules.validate(List.of(new Condition.HttpHeader("A", List.of("1")),
                new Condition.HttpHeader("B", List.of("2"))))).as("http-header may repeat").doesNotThrowAnyException();
        refused(() -> ConditionRules.validate(List.of(new Condition.PathPattern(List.of("/1", "/2", "/3")),
                new Condition.HostHeader(List.of("a", "b", "c")))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.PathPattern(List.of("/a b")))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.HostHeader(List.of("a_b.com")))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.PathPattern(List.of("/" + "x".repeat(128))))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.HttpRequestMethod(List.of("get")))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.SourceIp(List.of("10.0.0.0/33")))), ElbError.VALIDATION);
        refused(() -> ConditionRules.validate(List.of(new Condition.SourceIp(List.of("example.com/8")))), ElbError.VALIDATION);
        assertThatCode(() -> ConditionRules.validate(List.of(new Condition.SourceIp(List.of("2001:db8::/32")),
                new Condition.QueryString(List.of(new Condition.KeyValue("", "x")))))).doesNotThrowAnyException();
    }

    @Test
    void actionShapes() {
        refused(() -> ActionRules.validate(List.of(new Action.FixedResponse(302, "", "")), LoadBalancerType.APPLICATION), ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.FixedResponse(200, "image/png", "")), LoadBalancerType.APPLICATION),
                ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.FixedResponse(200, "", "x".repeat(1025))), LoadBalancerType.APPLICATION),
                ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.Redirect("#{protocol}", "#{port}", "#{host}", "/#{path}", "#{query}", 301)),
                LoadBalancerType.APPLICATION), ElbError.INVALID_ACTION);
        refused(() -> ActionRules.validate(List.of(new Action.Redirect("FTP", "#{port}", "h", "/", "", 301)),
                LoadBalancerType.APPLICATION), ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.FixedResponse(200, "", "")), LoadBalancerType.NETWORK), ElbError.INVALID_ACTION);
        refused(() -> ActionRules.validate(List.of(Action.Forward.to("a"), Action.Forward.to("b")), LoadBalancerType.APPLICATION),
                ElbError.TOO_MANY_ACTIONS);
        refused(() -> ActionRules.validate(List.of(new Action.Forward(List.of(new Action.WeightedTargetGroup("a", 1000)), false, 0)),
                LoadBalancerType.APPLICATION), ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.Forward(List.of(new Action.WeightedTargetGroup("a", 1),
                new Action.WeightedTargetGroup("a", 1)), false, 0)), LoadBalancerType.APPLICATION), ElbError.VALIDATION);
        refused(() -> ActionRules.validate(List.of(new Action.Forward(List.of(new Action.WeightedTargetGroup("a", 1)), true, 0)),
                LoadBalancerType.APPLICATION), ElbError.VALIDATION);
        assertThatCode(() -> ActionRules.validate(List.of(new Action.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", 301)),
                LoadBalancerType.APPLICATION)).doesNotThrowAnyException();
    }

    @Test
    void httpCodeMatchers() {
        HttpCodeMatcher m = HttpCodeMatcher.parse("200,202-204", 200, 499);
        assertThat(m.matches(200)).isTrue();
        assertThat(m.matches(201)).isFalse();
        assertThat(m.matches(203)).isTrue();
        refused(() -> HttpCodeMatcher.parse("199", 200, 499), ElbError.VALIDATION);
        refused(() -> HttpCodeMatcher.parse("500", 200, 499), ElbError.VALIDATION);
        assertThat(HttpCodeMatcher.parse("500-599", 200, 599).matches(503)).isTrue();
        refused(() -> HttpCodeMatcher.parse("300-200", 200, 499), ElbError.VALIDATION);
        refused(() -> HttpCodeMatcher.parse("abc", 200, 499), ElbError.VALIDATION);
    }

    @Test
    void redirectLocationsFillPlaceholdersAndDropDefaultPorts() {
        Action.Redirect https = new Action.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", 301);
        assertThat(RedirectLocation.of(https, "HTTP", 80, "example.com", "/a/b", "x=1")).isEqualTo("https://example.com/a/b?x=1");
        Action.Redirect moved = new Action.Redirect("#{protocol}", "#{port}", "new.#{host}", "/v2/#{path}", "", 302);
        assertThat(RedirectLocation.of(moved, "HTTP", 8080, "example.com", "/a", "x=1")).isEqualTo("http://new.example.com:8080/v2/a");
        assertThat(RedirectLocation.of(moved, "HTTP", 80, "example.com", "/", "")).isEqualTo("http://new.example.com/v2/");
    }

    @Test
    void arnsNameWhatTheyAddress() {
        String lb = ElbArns.loadBalancer(new Scope("123456789012", "us-east-1"), LoadBalancerType.NETWORK, "n", "0123456789abcdef");
        assertThat(lb).isEqualTo("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/0123456789abcdef");
        assertThat(ElbArns.loadBalancerParts(lb)).hasValueSatisfying(p -> assertThat(p).containsExactly("net", "n", "0123456789abcdef"));
        assertThat(ElbArns.targetGroupNameAndId(lb)).isEmpty();
        assertThat(ElbArns.ruleParts(ElbArns.rule(new Scope("1", "r"), LoadBalancerType.APPLICATION, "a", "b", "c", "d")))
                .hasValueSatisfying(p -> assertThat(p).containsExactly("app", "a", "b", "c", "d"));
        assertThat(ElbArns.parse("arn:aws:ecs:us-east-1:1:cluster/x")).isEmpty();
    }
}
