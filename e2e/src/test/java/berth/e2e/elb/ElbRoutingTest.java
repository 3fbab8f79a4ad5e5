package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Requests through an application load balancer's listener reach the targets its rules choose. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbRoutingTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;
    @AutoClose
    private final HttpTargets targets = new HttpTargets();

    ElbRoutingTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void requestsSpreadAcrossThreeTargetsAndCarryForwardedHeaders() throws Exception {
        String lb = fixture.applicationLoadBalancer("spread");
        String tg = fixture.httpTargetGroup("spread");
        var a = targets.start("a");
        var b = targets.start("b");
        var c = targets.start("c");
        fixture.register(tg, a, b, c);
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = Http.get(port, "/items?i=" + i, Map.of("X-Forwarded-For", "203.0.113.7"));
            assertThat(r.statusCode()).isEqualTo(200);
            counts.merge(Http.servedBy(r), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a", "b", "c");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(15, 25));

        Map<String, List<String>> seen = a.requests.get(a.requests.size() - 1);
        assertThat(seen.get("X-forwarded-for")).containsExactly("203.0.113.7, 127.0.0.1");
        assertThat(seen.get("X-forwarded-proto")).containsExactly("http");
        assertThat(seen.get("X-forwarded-port")).containsExactly(Integer.toString(port));
        assertThat(seen.get("X-amzn-trace-id").get(0)).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    }

    @Test
    void pathAndHostRulesRouteToTwoTargetGroupsAndTheRestToTheDefault() throws Exception {
        String lb = fixture.applicationLoadBalancer("rules");
        String web = fixture.httpTargetGroup("web");
        String api = fixture.httpTargetGroup("api");
        fixture.register(web, targets.start("web"));
        fixture.register(api, targets.start("api"));
        Listener listener = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(web));
        elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10)
                .conditions(RuleCondition.builder().field("path-pattern").values("/api/*").build())
                .actions(ElbFixture.forward(api)));
        elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(20)
                .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("API.example.*")).build())
                .actions(ElbFixture.forward(api)));
        elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(5)
                .conditions(RuleCondition.builder().field("path-pattern").values("/api/health?").build(),
                        RuleCondition.builder().field("http-request-method").httpRequestMethodConfig(m -> m.values("GET")).build())
                .actions(Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(
                        FixedResponseActionConfig.builder().statusCode("200").contentType("application/json")
                                .messageBody("{\"ok\":true}").build()).build()));
        int port = listener.port();

        assertThat(Http.servedBy(Http.get(port, "/api/users"))).isEqualTo("api");
        assertThat(Http.servedBy(Http.get(port, "/API/users"))).as("path patterns are case-sensitive").isEqualTo("web");
        assertThat(Http.servedBy(Http.get(port, "/index.html"))).isEqualTo("web");
        assertThat(Http.raw(port, "/index.html", "api.EXAMPLE.com:" + port, Map.of()).body()).startsWith("api ");
        assertThat(Http.raw(port, "/index.html", "www.example.com", Map.of()).body()).startsWith("web ");
        HttpResponse<String> fixed = Http.get(port, "/api/healthz");
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.body()).isEqualTo("{\"ok\":true}");
        assertThat(fixed.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(Http.servedBy(Http.get(port, "/api/healthzz"))).as("? matches one character").isEqualTo("api");

        assertThat(elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules())
                .extracting(rule -> rule.priority()).containsExactly("5", "10", "20", "default");
    }

    @Test
    void fixedResponsesAndRedirectsAreAnsweredByTheLoadBalancer() throws Exception {
        String lb = fixture.applicationLoadBalancer("answers");
        Listener listener = fixture.listener(lb, ProtocolEnum.HTTP, Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(FixedResponseActionConfig.builder().statusCode("404").contentType("text/plain")
                        .messageBody("nothing here").build()).build());
        elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(1)
                .conditions(RuleCondition.builder().field("path-pattern").values("/old/*").build())
                .actions(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(RedirectActionConfig.builder()
                        .host("new.example.com").path("/new/#{path}").query("from=#{host}&#{query}")
                        .statusCode(RedirectActionStatusCodeEnum.HTTP_301).build()).build()));
        elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(2)
                .conditions(RuleCondition.builder().field("query-string").queryStringConfig(q -> q.values(
                        v -> v.key("version").value("v2*"))).build())
                .actions(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(RedirectActionConfig.builder()
                        .protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_302).build()).build()));
        int port = listener.port();

        HttpResponse<String> missing = Http.get(port, "/anything");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("nothing here");
        assertThat(missing.headers().firstValue("server")).hasValue("awselb/2.0");

        Http.Raw moved = Http.raw(port, "/old/page?a=1", "shop.example.com", Map.of());
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.headers().get("Location")).isEqualTo("http://new.example.com:" + port + "/new/old/page?from=shop.example.com&a=1");

        Http.Raw secure = Http.raw(port, "/app?Version=V2.1", "shop.example.com", Map.of());
        assertThat(secure.status()).as("query-string values match any case").isEqualTo(302);
        assertThat(secure.headers().get("Location")).isEqualTo("https://shop.example.com/app?Version=V2.1");
    }

    @Test
    void lbCookieStickinessKeepsAClientOnOneTarget() throws Exception {
        String lb = fixture.applicationLoadBalancer("sticky");
        String tg = fixture.httpTargetGroup("sticky");
        fixture.register(tg, targets.start("a"), targets.start("b"), targets.start("c"));
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(
                a -> a.key("stickiness.enabled").value("true"), a -> a.key("stickiness.type").value("lb_cookie"),
                a -> a.key("stickiness.lb_cookie.duration_seconds").value("300")));
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        // a sticky target that is not (yet) routable is replaced, as on AWS: stick once all are healthy
        fixture.awaitState(tg, "healthy", 3, Duration.ofSeconds(20));

        HttpResponse<String> first = Http.get(port, "/");
        List<String> cookies = first.headers().allValues("set-cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("AWSALB=").contains("Path=/").contains("Expires="));
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("AWSALBCORS=").contains("SameSite=None"));
        String cookie = cookies.stream().filter(c -> c.startsWith("AWSALB=")).findFirst().orElseThrow().split(";")[0];
        for (int i = 0; i < 20; i++) {
            assertThat(Http.servedBy(Http.get(port, "/", Map.of("Cookie", "other=1; " + cookie)))).isEqualTo(Http.servedBy(first));
        }
        Map<String, Integer> without = new HashMap<>();
        for (int i = 0; i < 9; i++) without.merge(Http.servedBy(Http.get(port, "/")), 1, Integer::sum);
        assertThat(without).hasSize(3);
    }

    @Test
    void weightedForwardSplitsTrafficAndGroupStickinessHolds() throws Exception {
        String lb = fixture.applicationLoadBalancer("weighted");
        String blue = fixture.httpTargetGroup("blue");
        String green = fixture.httpTargetGroup("green");
        fixture.register(blue, targets.start("blue"));
        fixture.register(green, targets.start("green"));
        Action split = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(blue).weight(3).build(),
                        TargetGroupTuple.builder().targetGroupArn(green).weight(1).build())
                .targetGroupStickinessConfig(TargetGroupStickinessConfig.builder().enabled(true).durationSeconds(60).build())
                .build()).build();
        int port = fixture.listener(lb, ProtocolEnum.HTTP, split).port();

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) counts.merge(Http.servedBy(Http.get(port, "/")), 1, Integer::sum);
        assertThat(counts.get("blue")).isBetween(250, 350);
        assertThat(counts.get("green")).isBetween(50, 150);

        HttpResponse<String> first = Http.get(port, "/");
        String cookie = first.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("AWSALBTG="))
                .findFirst().orElseThrow().split(";")[0];
        for (int i = 0; i < 20; i++) {
            assertThat(Http.servedBy(Http.get(port, "/", Map.of("Cookie", cookie)))).isEqualTo(Http.servedBy(first));
        }
    }
}
