package berth.asg.api;

import berth.asg.core.Activity;
import berth.asg.core.Group;
import berth.asg.core.Member;
import berth.asg.core.ScalingPolicy;
import java.time.Instant;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** Core records as Auto Scaling's SDK shapes. */
final class AsgShapes {
    private AsgShapes() {}

    static AutoScalingGroup group(Group g) {
        return AutoScalingGroup.builder().autoScalingGroupName(g.name()).autoScalingGroupARN(g.arn())
                .launchTemplate(template(g, g.launchTemplateVersion())).minSize(g.minSize()).maxSize(g.maxSize())
                .desiredCapacity(g.desiredCapacity()).defaultCooldown(g.defaultCooldown()).availabilityZones(g.availabilityZones())
                .vpcZoneIdentifier(String.join(",", g.subnetIds())).healthCheckType(g.healthCheckType())
                .healthCheckGracePeriod(g.healthCheckGracePeriod()).createdTime(g.createdAt())
                .newInstancesProtectedFromScaleIn(g.newInstancesProtectedFromScaleIn()).terminationPolicies("Default")
                .instances(g.members().stream().map(m -> software.amazon.awssdk.services.autoscaling.model.Instance.builder()
                        .instanceId(m.instanceId()).instanceType(m.instanceType()).availabilityZone(m.availabilityZone())
                        .lifecycleState(m.state().wireName()).healthStatus(m.healthStatus())
                        .protectedFromScaleIn(m.protectedFromScaleIn())
                        .launchTemplate(template(g, m.launchTemplateVersion())).build()).toList())
                .tags(g.tags().stream().map(t -> tag(g, t)).toList()).loadBalancerNames(java.util.List.of())
                .targetGroupARNs(java.util.List.of()).suspendedProcesses(java.util.List.of())
                .enabledMetrics(java.util.List.of()).capacityRebalance(false)
                .serviceLinkedRoleARN("arn:aws:iam::" + g.accountId() + ":role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling")
                .status(g.deleting() ? "Delete in progress" : null).build();
    }

    static LaunchTemplateSpecification template(Group g, String version) {
        return LaunchTemplateSpecification.builder().launchTemplateId(g.launchTemplateId())
                .launchTemplateName(g.launchTemplateName()).version(version).build();
    }

    static TagDescription tag(Group g, Group.GroupTag t) {
        return TagDescription.builder().resourceId(g.name()).resourceType("auto-scaling-group").key(t.key()).value(t.value())
                .propagateAtLaunch(t.propagateAtLaunch()).build();
    }

    static AutoScalingInstanceDetails instanceDetails(Group g, Member m) {
        return AutoScalingInstanceDetails.builder().instanceId(m.instanceId()).instanceType(m.instanceType())
                .autoScalingGroupName(g.name()).availabilityZone(m.availabilityZone()).lifecycleState(m.state().wireName())
                .healthStatus(m.healthStatus().toUpperCase()).protectedFromScaleIn(m.protectedFromScaleIn())
                .launchTemplate(template(g, m.launchTemplateVersion())).build();
    }

    static software.amazon.awssdk.services.autoscaling.model.Activity activity(Activity a) {
        var b = software.amazon.awssdk.services.autoscaling.model.Activity.builder().activityId(a.id())
                .autoScalingGroupName(a.groupName()).description(a.description()).cause(a.cause()).startTime(a.startTime())
                .statusCode(a.statusCode()).progress(a.progress()).details(a.details())
                .autoScalingGroupARN(null);
        if (!a.endTime().equals(Instant.EPOCH)) b.endTime(a.endTime());
        if (!a.statusMessage().isEmpty()) b.statusMessage(a.statusMessage());
        return b.build();
    }

    static software.amazon.awssdk.services.autoscaling.model.ScalingPolicy policy(ScalingPolicy p) {
        var b = software.amazon.awssdk.services.autoscaling.model.ScalingPolicy.builder().autoScalingGroupName(p.groupName())
                .policyName(p.name()).policyARN(p.arn()).policyType("SimpleScaling").adjustmentType(p.adjustmentType())
                .scalingAdjustment(p.scalingAdjustment()).enabled(p.enabled()).alarms(java.util.List.of())
                .stepAdjustments(java.util.List.of());
        if (p.cooldown() >= 0) b.cooldown(p.cooldown());
        if (p.minAdjustmentMagnitude() > 0) b.minAdjustmentMagnitude(p.minAdjustmentMagnitude());
        return b.build();
    }
}
