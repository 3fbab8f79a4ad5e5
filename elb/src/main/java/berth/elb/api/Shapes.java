package berth.elb.api;

import berth.elb.core.HealthCheck;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** Core resources as the SDK's response shapes. */
final class Shapes {
    /** The VPC berth's load balancers and target groups live in when none is given. */
    static final String DEFAULT_VPC = "vpc-00000000000000000";

    private Shapes() {}

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer loadBalancer(LoadBalancer lb, boolean provisioning) {
        List<AvailabilityZone> zones = new ArrayList<>();
        List<String> names = lb.availabilityZones();
        for (int i = 0; i < names.size(); i++) {
            String subnet = i < lb.subnets().size() ? lb.subnets().get(i) : "subnet-" + lb.id().substring(0, 8);
            zones.add(AvailabilityZone.builder().zoneName(names.get(i)).subnetId(subnet).build());
        }
        var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
                .loadBalancerArn(lb.arn()).dnsName(lb.dnsName()).canonicalHostedZoneId(lb.canonicalHostedZoneId())
                .createdTime(lb.createdAt()).loadBalancerName(lb.name()).scheme(lb.scheme()).vpcId(DEFAULT_VPC)
                .state(LoadBalancerState.builder().code(provisioning ? LoadBalancerStateEnum.PROVISIONING : LoadBalancerStateEnum.ACTIVE).build())
                .type(lb.type().wireName()).availabilityZones(zones).ipAddressType(lb.ipAddressType());
        if (!lb.securityGroups().isEmpty()) b.securityGroups(lb.securityGroups());
        return b.build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup targetGroup(TargetGroup tg, List<String> loadBalancerArns) {
        HealthCheck hc = tg.healthCheck();
        var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
                .targetGroupArn(tg.arn()).targetGroupName(tg.name()).protocol(tg.protocol().name()).port(tg.port())
                .vpcId(tg.vpcId()).healthCheckProtocol(hc.protocol().name()).healthCheckPort(hc.port())
                .healthCheckEnabled(true).healthCheckIntervalSeconds(hc.intervalSeconds())
                .healthCheckTimeoutSeconds(hc.timeoutSeconds()).healthyThresholdCount(hc.healthyThreshold())
                .unhealthyThresholdCount(hc.unhealthyThreshold()).loadBalancerArns(loadBalancerArns)
                .targetType(tg.targetType().wireName()).ipAddressType("ipv4");
        if (hc.isHttp()) b.healthCheckPath(hc.path()).matcher(Matcher.builder().httpCode(hc.matcher()).build());
        if (tg.protocol() == TargetProtocol.HTTP) b.protocolVersion("HTTP1");
        return b.build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listener(Listener l) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
                .listenerArn(l.arn()).loadBalancerArn(l.loadBalancerArn()).port(l.port()).protocol(l.protocol().name())
                .defaultActions(ActionMapping.toSdk(l.defaultActions())).build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule(Rule r) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule.builder()
                .ruleArn(r.arn()).priority(Integer.toString(r.priority())).conditions(ConditionMapping.toSdk(r.conditions()))
                .actions(ActionMapping.toSdk(r.actions())).isDefault(false).build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule defaultRule(Listener l) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule.builder()
                .ruleArn(l.defaultRuleArn()).priority("default").conditions(List.of())
                .actions(ActionMapping.toSdk(l.defaultActions())).isDefault(true).build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
