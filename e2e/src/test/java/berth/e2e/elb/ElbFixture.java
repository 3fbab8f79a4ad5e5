package berth.e2e.elb;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** Load balancers, target groups and listeners made through the SDK, as a user would make them. */
final class ElbFixture {
    final ElasticLoadBalancingV2Client elb;

    ElbFixture(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    String applicationLoadBalancer(String name) {
        return elb.createLoadBalancer(r -> r.name(name).subnets("subnet-a", "subnet-b")).loadBalancers().get(0).loadBalancerArn();
    }

    String networkLoadBalancer(String name) {
        return elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK)).loadBalancers().get(0).loadBalancerArn();
    }

    /** An HTTP ip target group checked on /health every 5 s (timeout 2 s, thresholds 2). */
    String httpTargetGroup(String name, Consumer<CreateTargetGroupRequest.Builder> more) {
        return elb.createTargetGroup(r -> {
            r.name(name).protocol(ProtocolEnum.HTTP).port(80).targetType(TargetTypeEnum.IP).vpcId("vpc-1")
                    .healthCheckPath("/health").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                    .healthyThresholdCount(2).unhealthyThresholdCount(2);
            more.accept(r);
        }).targetGroups().get(0).targetGroupArn();
    }

    String httpTargetGroup(String name) {
        return httpTargetGroup(name, r -> {});
    }

    void register(String targetGroupArn, HttpTargets.Target... targets) {
        elb.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(List.of(targets).stream()
                .map(t -> TargetDescription.builder().id("127.0.0.1").port(t.port()).build()).toList()));
    }

    static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    /** A listener on a free port of 127.0.0.1 with {@code defaultAction}. */
    Listener listener(String loadBalancerArn, ProtocolEnum protocol, Action defaultAction) throws IOException {
        int port = Http.freePort();
        return elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(protocol).port(port)
                .defaultActions(defaultAction)).listeners().get(0);
    }

    List<TargetHealthDescription> health(String targetGroupArn) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    }

    /** Waits until {@code count} targets of the group are in {@code state}. */
    void awaitState(String targetGroupArn, String state, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long matching = health(targetGroupArn).stream().filter(d -> d.targetHealth().stateAsString().equals(state)).count();
            if (matching == count) return;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " targets " + state + ", health is " + health(targetGroupArn));
            }
            Thread.sleep(200);
        }
    }
}
