package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The ELBv2 API through the AWS SDK for Java v2: shapes, defaults, limits and AWS's error codes. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbApiTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;

    ElbApiTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    private static String code(Throwable e) {
        return ((ElasticLoadBalancingV2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void loadBalancersAreCreatedProvisioningThenActiveAndDescribedPaged() {
        LoadBalancer created = elb.createLoadBalancer(r -> r.name("shop").subnets("subnet-1", "subnet-2")
                .securityGroups("sg-1").tags(Tag.builder().key("team").value("blue").build())).loadBalancers().get(0);
        assertThat(created.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/shop/[0-9a-f]{16}");
        assertThat(created.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        assertThat(created.dnsName()).matches("shop-\\d+\\.us-east-1\\.elb\\.localhost");
        assertThat(created.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        assertThat(created.typeAsString()).isEqualTo("application");
        assertThat(created.schemeAsString()).isEqualTo("internet-facing");
        assertThat(created.availabilityZones()).extracting(AvailabilityZone::zoneName).containsExactly("us-east-1a", "us-east-1b");
        assertThat(created.securityGroups()).containsExactly("sg-1");
        LoadBalancer nlb = elb.createLoadBalancer(r -> r.name("tcp").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL))
                .loadBalancers().get(0);
        assertThat(nlb.loadBalancerArn()).contains(":loadbalancer/net/tcp/");
        assertThat(nlb.dnsName()).startsWith("internal-tcp-");
        elb.createLoadBalancer(r -> r.name("third"));

        assertThat(elb.createLoadBalancer(r -> r.name("shop")).loadBalancers().get(0).loadBalancerArn())
                .as("creating the same load balancer again is idempotent").isEqualTo(created.loadBalancerArn());
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("shop").type(LoadBalancerTypeEnum.NETWORK)))
                .isInstanceOf(DuplicateLoadBalancerNameException.class);
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("-bad-"))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("internal-x"))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));

        assertThat(elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).state().code())
                .isEqualTo(LoadBalancerStateEnum.ACTIVE);
        List<String> paged = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> r.pageSize(1)).loadBalancers().forEach(lb -> paged.add(lb.loadBalancerName()));
        assertThat(paged).containsExactly("shop", "tcp", "third");
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope"))).isInstanceOf(LoadBalancerNotFoundException.class);

        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(created.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));
        assertThatThrownBy(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(created.loadBalancerArn())))
                .isInstanceOf(OperationNotPermittedException.class);
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(created.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("false")));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(created.loadBalancerArn()));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(created.loadBalancerArn()));
        assertThat(elb.describeLoadBalancers().loadBalancers()).extracting(LoadBalancer::loadBalancerName).containsExactly("tcp", "third");
    }

    @Test
    void targetGroupsTakeAwsDefaultsPerProtocolAndCheckTheirRanges() {
        TargetGroup http = elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(8080)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-1")).targetGroups().get(0);
        assertThat(http.healthCheckProtocolAsString()).isEqualTo("HTTP");
        assertThat(http.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(http.healthCheckPath()).isEqualTo("/");
        assertThat(http.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(http.healthCheckTimeoutSeconds()).isEqualTo(5);
        assertThat(http.healthyThresholdCount()).isEqualTo(5);
        assertThat(http.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(http.matcher().httpCode()).isEqualTo("200");
        assertThat(http.protocolVersion()).isEqualTo("HTTP1");
        TargetGroup tcp = elb.createTargetGroup(r -> r.name("tcp").protocol(ProtocolEnum.TCP).port(5432).vpcId("vpc-1")).targetGroups().get(0);
        assertThat(tcp.targetTypeAsString()).isEqualTo("instance");
        assertThat(tcp.healthCheckProtocolAsString()).isEqualTo("TCP");
        assertThat(tcp.healthCheckTimeoutSeconds()).isEqualTo(10);

        Map<String, String> attributes = elb.describeTargetGroupAttributes(r -> r.targetGroupArn(http.targetGroupArn())).attributes()
                .stream().collect(Collectors.toMap(TargetGroupAttribute::key, TargetGroupAttribute::value));
        assertThat(attributes).containsEntry("deregistration_delay.timeout_seconds", "300").containsEntry("stickiness.enabled", "false")
                .containsEntry("stickiness.type", "lb_cookie").containsEntry("stickiness.lb_cookie.duration_seconds", "86400")
                .containsEntry("load_balancing.algorithm.type", "round_robin");
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(http.targetGroupArn())
                .attributes(a -> a.key("load_balancing.algorithm.type").value("least_outstanding_requests")));
        assertThatThrownBy(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(http.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("3601"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(http.targetGroupArn())
                .attributes(a -> a.key("slow_start.duration_seconds").value("30"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));

        TargetGroup modified = elb.modifyTargetGroup(r -> r.targetGroupArn(http.targetGroupArn()).healthCheckPath("/ready")
                .matcher(m -> m.httpCode("200-299,302")).healthCheckIntervalSeconds(10)).targetGroups().get(0);
        assertThat(modified.healthCheckPath()).isEqualTo("/ready");
        assertThat(modified.matcher().httpCode()).isEqualTo("200-299,302");
        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(http.targetGroupArn()).healthCheckIntervalSeconds(4)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(http.targetGroupArn()).matcher(m -> m.httpCode("600"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(http.targetGroupArn()).healthyThresholdCount(11)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));

        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(9090).vpcId("vpc-1")))
                .isInstanceOf(DuplicateTargetGroupNameException.class);
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("tls").protocol(ProtocolEnum.HTTPS).port(443).vpcId("vpc-1")))
                .isInstanceOf(UnsupportedProtocolException.class).hasMessageContaining("certificates");
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(http.targetGroupArn().replace("/web/", "/gone/"))))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(http.targetGroupArn()).targets(t -> t.id("not-an-ip"))))
                .isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(tcp.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0"))))
                .as("berth knows no such instance").isInstanceOf(InvalidTargetException.class);
    }

    @Test
    void listenersBindRealPortsAndRefuseTakenOnes() throws Exception {
        String lb = fixture.applicationLoadBalancer("ports");
        String tg = fixture.httpTargetGroup("ports");
        Listener listener = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg));
        assertThat(Http.get(listener.port(), "/").statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(listener.port())
                .defaultActions(ElbFixture.forward(fixture.httpTargetGroup("other")))))
                .isInstanceOf(DuplicateListenerException.class);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(taken.getLocalPort())
                    .defaultActions(ElbFixture.forward(tg))))
                    .isInstanceOf(InvalidConfigurationRequestException.class).hasMessageContaining("port in use");
        }
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8443)
                .defaultActions(ElbFixture.forward(tg)))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(8443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x"))
                .defaultActions(ElbFixture.forward(tg)))).isInstanceOf(CertificateNotFoundException.class);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(9999)
                .defaultActions(ElbFixture.forward(tg)))).isInstanceOf(UnsupportedProtocolException.class);

        int moved = Http.freePort();
        elb.modifyListener(r -> r.listenerArn(listener.listenerArn()).port(moved));
        assertThat(Http.get(moved, "/").statusCode()).isEqualTo(503);
        assertThat(Http.closesWithin(listener.port(), java.time.Duration.ofSeconds(5))).as("the old port is closed").isTrue();

        assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(tg))).isInstanceOf(ResourceInUseException.class);
        String lb2 = fixture.applicationLoadBalancer("second");
        assertThatThrownBy(() -> fixture.listener(lb2, ProtocolEnum.HTTP, ElbFixture.forward(tg)))
                .isInstanceOf(TargetGroupAssociationLimitException.class);
        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(lb)).targetGroups()).extracting(TargetGroup::targetGroupName)
                .containsExactly("ports");
        assertThat(elb.describeTargetGroups(r -> r.names("ports")).targetGroups().get(0).loadBalancerArns()).containsExactly(lb);

        elb.deleteListener(r -> r.listenerArn(listener.listenerArn()));
        assertThat(Http.closesWithin(moved, java.time.Duration.ofSeconds(5))).as("the deleted listener's port is closed").isTrue();
        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(listener.listenerArn()))).isInstanceOf(ListenerNotFoundException.class);
        elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
    }

    @Test
    void rulesKeepUniquePrioritiesAndTheirLimits() throws Exception {
        String lb = fixture.applicationLoadBalancer("rules");
        String tg = fixture.httpTargetGroup("rules");
        Listener listener = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg));
        RuleCondition path = RuleCondition.builder().field("path-pattern").values("/a/*").build();
        Rule first = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10).conditions(path)
                .actions(ElbFixture.forward(tg))).rules().get(0);
        Rule second = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(20).conditions(path)
                .actions(ElbFixture.forward(tg))).rules().get(0);
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10).conditions(path)
                .actions(ElbFixture.forward(tg)))).isInstanceOf(PriorityInUseException.class);
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(50001).conditions(path)
                .actions(ElbFixture.forward(tg)))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(30)
                .conditions(RuleCondition.builder().field("path-pattern").values("/1", "/2", "/3").build(),
                        RuleCondition.builder().field("host-header").values("a", "b", "c").build())
                .actions(ElbFixture.forward(tg)))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(30)
                .conditions(RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/33")).build())
                .actions(ElbFixture.forward(tg)))).satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"));

        List<Rule> swapped = elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(first.ruleArn()).priority(20).build(),
                RulePriorityPair.builder().ruleArn(second.ruleArn()).priority(10).build())).rules();
        assertThat(swapped).extracting(Rule::ruleArn).containsExactly(second.ruleArn(), first.ruleArn());
        Rule defaultRule = elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules().get(2);
        assertThat(defaultRule.isDefault()).isTrue();
        assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn(defaultRule.ruleArn()))).isInstanceOf(OperationNotPermittedException.class);

        Rule modified = elb.modifyRule(r -> r.ruleArn(first.ruleArn()).conditions(RuleCondition.builder().field("http-header")
                .httpHeaderConfig(h -> h.httpHeaderName("X-Env").values("canary")).build())).rules().get(0);
        assertThat(modified.conditions().get(0).httpHeaderConfig().values()).containsExactly("canary");
        elb.deleteRule(r -> r.ruleArn(first.ruleArn()));
        assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn(first.ruleArn()))).isInstanceOf(RuleNotFoundException.class);
    }

    @Test
    void tagsAreAddedDescribedAndRemoved() {
        String lb = fixture.applicationLoadBalancer("tagged");
        String tg = fixture.httpTargetGroup("tagged");
        elb.addTags(r -> r.resourceArns(lb, tg).tags(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("a").build()));
        elb.removeTags(r -> r.resourceArns(tg).tagKeys("team"));
        List<TagDescription> described = elb.describeTags(r -> r.resourceArns(lb, tg)).tagDescriptions();
        assertThat(described.get(0).tags()).extracting(Tag::key).containsExactly("env", "team");
        assertThat(described.get(1).tags()).extracting(Tag::key).containsExactly("env");
        assertThatThrownBy(() -> elb.addTags(r -> r.resourceArns(lb).tags(Tag.builder().key("k").value("1").build(),
                Tag.builder().key("k").value("2").build()))).isInstanceOf(DuplicateTagKeysException.class);
        assertThatThrownBy(() -> elb.describeTags(r -> r.resourceArns(lb.replace("/tagged/", "/gone/"))))
                .isInstanceOf(LoadBalancerNotFoundException.class);
    }
}
