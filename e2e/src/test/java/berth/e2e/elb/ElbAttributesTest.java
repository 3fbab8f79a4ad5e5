package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * The reads Terraform's provider makes of every load balancer and listener: the attributes berth's data
 * plane has (described, settable to what it does, refused otherwise) and the capacity reservation
 * (none, and none can be made).
 */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbAttributesTest {
    private final ElasticLoadBalancingV2Client elb;

    ElbAttributesTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    private Map<String, String> attributes(String arn) {
        return elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .collect(Collectors.toMap(LoadBalancerAttribute::key, LoadBalancerAttribute::value));
    }

    private static String code(ElasticLoadBalancingV2Exception e) {
        return e.awsErrorDetails().errorCode();
    }

    @Test
    void theDataPlanesBehaviourIsDescribedAndOnlyItCanBeSet() {
        String alb = elb.createLoadBalancer(r -> r.name("attrs")).loadBalancers().get(0).loadBalancerArn();
        assertThat(attributes(alb)).containsEntry("routing.http.xff_header_processing.mode", "append")
                .containsEntry("access_logs.s3.enabled", "false").containsEntry("idle_timeout.timeout_seconds", "60")
                .containsEntry("load_balancing.cross_zone.enabled", "true");

        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb).attributes(
                a -> a.key("routing.http.xff_header_processing.mode").value("append"),
                a -> a.key("idle_timeout.timeout_seconds").value("30")));
        assertThat(attributes(alb)).containsEntry("idle_timeout.timeout_seconds", "30");
        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb).attributes(
                a -> a.key("access_logs.s3.enabled").value("true"))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ValidationError"))
                .hasMessageContaining("would not change what they do");
        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb).attributes(
                a -> a.key("no.such.attribute").value("1"))))
                .hasMessageContaining("is not recognized");

        String nlb = elb.createLoadBalancer(r -> r.name("attrs-tcp").type(LoadBalancerTypeEnum.NETWORK)).loadBalancers()
                .get(0).loadBalancerArn();
        assertThat(attributes(nlb)).containsEntry("load_balancing.cross_zone.enabled", "false")
                .doesNotContainKey("routing.http.xff_header_processing.mode");
    }

    @Test
    void noCapacityIsReservedAndNoneCanBe() {
        String alb = elb.createLoadBalancer(r -> r.name("capacity")).loadBalancers().get(0).loadBalancerArn();
        assertThat(elb.describeCapacityReservation(r -> r.loadBalancerArn(alb)).capacityReservationState()).isEmpty();
        assertThat(elb.modifyCapacityReservation(r -> r.loadBalancerArn(alb).resetCapacityReservation(true))
                .capacityReservationState()).isEmpty();
        assertThatThrownBy(() -> elb.modifyCapacityReservation(r -> r.loadBalancerArn(alb)
                .minimumLoadBalancerCapacity(c -> c.capacityUnits(100))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("OperationNotPermitted"));
    }

    @Test
    void listenersDescribeTheirAttributesAndAnEmptyProtocolVersionIsNone() throws Exception {
        String alb = elb.createLoadBalancer(r -> r.name("listening")).loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name("plain").protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1")
                .protocolVersion("")).targetGroups().get(0).targetGroupArn();
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().get(0).protocolVersion())
                .isEqualTo("HTTP1");
        int port = Http.freePort();
        String listener = elb.createListener(r -> r.loadBalancerArn(alb).protocol(ProtocolEnum.HTTP).port(port)
                        .defaultActions(a -> a.type("forward").targetGroupArn(tg))).listeners().get(0).listenerArn();
        assertThat(elb.describeListenerAttributes(r -> r.listenerArn(listener)).attributes())
                .singleElement().satisfies(a -> {
                    assertThat(a.key()).isEqualTo("routing.http.response.server.enabled");
                    assertThat(a.value()).isEqualTo("true");
                });
        assertThatThrownBy(() -> elb.modifyListenerAttributes(r -> r.listenerArn(listener)
                .attributes(a -> a.key("routing.http.response.server.enabled").value("false"))))
                .hasMessageContaining("would not change what they do");
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("grpc").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId("vpc-1").protocolVersion("GRPC"))).isInstanceOf(ElasticLoadBalancingV2Exception.class);
    }
}
