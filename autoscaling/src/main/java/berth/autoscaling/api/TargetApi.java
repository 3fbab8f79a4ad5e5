package berth.autoscaling.api;

import berth.autoscaling.ScalingControl;
import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingActivity;
import berth.aws.RequestContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.*;

/** Scalable targets, their scaling activities and tags. */
final class TargetApi {
    private final ScalingControl control;

    TargetApi(ScalingControl control) {
        this.control = control;
    }

    RegisterScalableTargetResponse register(RegisterScalableTargetRequest r, RequestContext ctx) {
        SuspendedState s = r.suspendedState();
        ScalableTarget t = control.register(ctx.scope(), r.serviceNamespaceAsString(), r.resourceId(),
                r.scalableDimensionAsString(), r.minCapacity(), r.maxCapacity(), r.roleARN(),
                s == null ? null : s.dynamicScalingInSuspended(), s == null ? null : s.dynamicScalingOutSuspended(),
                s == null ? null : s.scheduledScalingSuspended(), r.tags());
        return RegisterScalableTargetResponse.builder().scalableTargetARN(t.arn()).build();
    }

    DeregisterScalableTargetResponse deregister(DeregisterScalableTargetRequest r, RequestContext ctx) {
        ScalableTarget t = control.target(ctx.scope(), r.serviceNamespaceAsString(), r.resourceId(),
                r.scalableDimensionAsString()).orElseThrow(() -> AutoScalingErrors.OBJECT_NOT_FOUND.exception(
                "No scalable target registered for service namespace: " + r.serviceNamespaceAsString() + ", resource ID: "
                        + r.resourceId() + ", scalable dimension: " + r.scalableDimensionAsString()));
        control.deregister(t);
        return DeregisterScalableTargetResponse.builder().build();
    }

    DescribeScalableTargetsResponse describe(DescribeScalableTargetsRequest r, RequestContext ctx) {
        List<ScalableTarget> targets = control.records.targets.list(ctx.scope().prefix()).stream()
                .filter(t -> t.namespace().equals(r.serviceNamespaceAsString()))
                .filter(t -> !r.hasResourceIds() || r.resourceIds().isEmpty() || r.resourceIds().contains(t.resourceId()))
                .filter(t -> r.scalableDimension() == null || t.dimension().equals(r.scalableDimensionAsString()))
                .sorted(Comparator.comparing(ScalableTarget::id)).toList();
        return DescribeScalableTargetsResponse.builder().scalableTargets(targets.stream().map(TargetApi::toSdk).toList()).build();
    }

    static software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget toSdk(ScalableTarget t) {
        return software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget.builder()
                .serviceNamespace(t.namespace()).resourceId(t.resourceId()).scalableDimension(t.dimension())
                .minCapacity(t.minCapacity()).maxCapacity(t.maxCapacity()).roleARN(t.roleArn()).creationTime(t.creationTime())
                .scalableTargetARN(t.arn()).suspendedState(SuspendedState.builder()
                        .dynamicScalingInSuspended(t.dynamicScalingInSuspended())
                        .dynamicScalingOutSuspended(t.dynamicScalingOutSuspended())
                        .scheduledScalingSuspended(t.scheduledScalingSuspended()).build()).build();
    }

    DescribeScalingActivitiesResponse activities(DescribeScalingActivitiesRequest r, RequestContext ctx) {
        List<ScalingActivity> found = control.records.activities(ctx.scope()).stream()
                .filter(a -> a.namespace().equals(r.serviceNamespaceAsString()))
                .filter(a -> r.resourceId() == null || a.resourceId().equals(r.resourceId()))
                .filter(a -> r.scalableDimension() == null || a.dimension().equals(r.scalableDimensionAsString()))
                .sorted(Comparator.comparingLong(ScalingActivity::sequence).reversed()).toList();
        int max = r.maxResults() == null ? 50 : r.maxResults();
        return DescribeScalingActivitiesResponse.builder().scalingActivities(found.stream().limit(max).map(a ->
                software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity.builder()
                        .activityId(a.activityId()).serviceNamespace(a.namespace()).resourceId(a.resourceId())
                        .scalableDimension(a.dimension()).description(a.description()).cause(a.cause())
                        .startTime(a.startTime()).endTime(a.endTime()).statusCode(a.statusCode())
                        .statusMessage(a.statusMessage()).build()).toList()).build();
    }

    private ScalableTarget byArn(String arn, RequestContext ctx) {
        return control.records.targets.list(ctx.scope().prefix()).stream().filter(t -> t.arn().equals(arn)).findFirst()
                .orElseThrow(() -> AutoScalingErrors.RESOURCE_NOT_FOUND.exception("The scalable target " + arn
                        + " does not exist."));
    }

    TagResourceResponse tag(TagResourceRequest r, RequestContext ctx) {
        ScalableTarget t = byArn(r.resourceARN(), ctx);
        Map<String, String> tags = new LinkedHashMap<>(t.tags());
        tags.putAll(r.tags());
        if (tags.size() > 50) {
            throw AutoScalingErrors.TOO_MANY_TAGS.exception("A scalable target can have at most 50 tags.");
        }
        control.records.targets.update(control.records.targets.keyOf(t), x -> x.withTags(tags));
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest r, RequestContext ctx) {
        ScalableTarget t = byArn(r.resourceARN(), ctx);
        Map<String, String> tags = new LinkedHashMap<>(t.tags());
        r.tagKeys().forEach(tags::remove);
        control.records.targets.update(control.records.targets.keyOf(t), x -> x.withTags(tags));
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse tags(ListTagsForResourceRequest r, RequestContext ctx) {
        return ListTagsForResourceResponse.builder().tags(byArn(r.resourceARN(), ctx).tags()).build();
    }
}
