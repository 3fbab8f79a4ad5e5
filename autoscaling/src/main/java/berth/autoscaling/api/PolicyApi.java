package berth.autoscaling.api;

import berth.autoscaling.ScalingControl;
import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingPolicy;
import berth.aws.text.Schedule;
import berth.autoscaling.core.ScheduledAction;
import berth.aws.RequestContext;
import berth.store.Store;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.*;

/** Scaling policies and scheduled actions. */
final class PolicyApi {
    private final ScalingControl control;

    PolicyApi(ScalingControl control) {
        this.control = control;
    }

    private ScalableTarget target(RequestContext ctx, String namespace, String resourceId, String dimension) {
        return control.target(ctx.scope(), namespace, resourceId, dimension).orElseThrow(() ->
                AutoScalingErrors.OBJECT_NOT_FOUND.exception("No scalable target registered for service namespace: "
                        + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension));
    }

    PutScalingPolicyResponse put(PutScalingPolicyRequest r, RequestContext ctx) {
        ScalableTarget t = target(ctx, r.serviceNamespaceAsString(), r.resourceId(), r.scalableDimensionAsString());
        String type = r.policyTypeAsString() == null ? ScalingPolicy.STEP : r.policyTypeAsString();
        ScalingPolicy policy = switch (type) {
            case ScalingPolicy.TARGET_TRACKING -> {
                TargetTrackingScalingPolicyConfiguration c = r.targetTrackingScalingPolicyConfiguration();
                if (c == null || r.stepScalingPolicyConfiguration() != null) {
                    throw AutoScalingErrors.VALIDATION.exception(
                            "TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy");
                }
                if ((c.predefinedMetricSpecification() == null) == (c.customizedMetricSpecification() == null)) {
                    throw AutoScalingErrors.VALIDATION.exception(
                            "Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be given");
                }
                ScalingPolicy.TrackedMetric metric;
                String predefined = "";
                String label = "";
                if (c.predefinedMetricSpecification() != null) {
                    predefined = c.predefinedMetricSpecification().predefinedMetricTypeAsString();
                    label = c.predefinedMetricSpecification().resourceLabel() == null ? ""
                            : c.predefinedMetricSpecification().resourceLabel();
                    metric = berth.autoscaling.TargetTrackingAlarms.predefined(predefined, label, t);
                } else {
                    CustomizedMetricSpecification m = c.customizedMetricSpecification();
                    if (m.hasMetrics() && !m.metrics().isEmpty()) {
                        metric = CustomizedMetrics.tracked(m);
                    } else if (m.metricName() == null || m.namespace() == null || m.statistic() == null) {
                        throw AutoScalingErrors.VALIDATION.exception(
                                "CustomizedMetricSpecification requires MetricName, Namespace and Statistic");
                    } else {
                        Map<String, String> dims = new LinkedHashMap<>();
                        m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
                        metric = new ScalingPolicy.TrackedMetric(m.namespace(), m.metricName(), dims, m.statisticAsString(),
                                m.unit() == null ? "" : m.unit());
                    }
                }
                yield control.putPolicy(t, r.policyName(), type, new ScalingPolicy.TargetTracking(c.targetValue(), predefined,
                        label, metric, c.scaleOutCooldown() == null ? 300 : c.scaleOutCooldown(),
                        c.scaleInCooldown() == null ? 300 : c.scaleInCooldown(), Boolean.TRUE.equals(c.disableScaleIn())), null);
            }
            case ScalingPolicy.STEP -> {
                StepScalingPolicyConfiguration c = r.stepScalingPolicyConfiguration();
                if (c == null || r.targetTrackingScalingPolicyConfiguration() != null) {
                    throw AutoScalingErrors.VALIDATION.exception(
                            "StepScalingPolicyConfiguration is required for a StepScaling policy");
                }
                if (c.adjustmentType() == null || !c.hasStepAdjustments() || c.stepAdjustments().isEmpty()) {
                    throw AutoScalingErrors.VALIDATION.exception("AdjustmentType and StepAdjustments are required");
                }
                for (StepAdjustment s : c.stepAdjustments()) {
                    if (s.metricIntervalLowerBound() == null && s.metricIntervalUpperBound() == null
                            && c.stepAdjustments().size() > 1) {
                        throw AutoScalingErrors.VALIDATION.exception("Only one step adjustment may have both bounds unset");
                    }
                    if (s.metricIntervalLowerBound() != null && s.metricIntervalUpperBound() != null
                            && s.metricIntervalLowerBound() >= s.metricIntervalUpperBound()) {
                        throw AutoScalingErrors.VALIDATION.exception("Step adjustment lower bound must be below its upper bound");
                    }
                }
                if (c.minAdjustmentMagnitude() != null && c.adjustmentType() != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
                    throw AutoScalingErrors.VALIDATION.exception(
                            "MinAdjustmentMagnitude may only be specified with AdjustmentType PercentChangeInCapacity");
                }
                yield control.putPolicy(t, r.policyName(), type, null, new ScalingPolicy.StepScaling(c.adjustmentTypeAsString(),
                        c.stepAdjustments().stream().map(s -> new ScalingPolicy.Step(s.metricIntervalLowerBound(),
                                s.metricIntervalUpperBound(), s.scalingAdjustment())).toList(),
                        c.minAdjustmentMagnitude() == null ? 0 : c.minAdjustmentMagnitude(),
                        c.cooldown() == null ? 0 : c.cooldown(),
                        c.metricAggregationTypeAsString() == null ? "Average" : c.metricAggregationTypeAsString()));
            }
            default -> throw AutoScalingErrors.VALIDATION.exception("berth does not support policy type " + type
                    + " for ecs:service:DesiredCount");
        };
        return PutScalingPolicyResponse.builder().policyARN(policy.arn()).alarms(policy.alarmNames().stream()
                .map(n -> Alarm.builder().alarmName(n).alarmARN(ctx.scope().arn("cloudwatch", "alarm:" + n)).build())
                .toList()).build();
    }

    DeleteScalingPolicyResponse delete(DeleteScalingPolicyRequest r, RequestContext ctx) {
        ScalableTarget t = target(ctx, r.serviceNamespaceAsString(), r.resourceId(), r.scalableDimensionAsString());
        ScalingPolicy p = control.records.policies.find(ctx.scope().key(t.id() + "|" + r.policyName())).map(v -> v.value())
                .orElseThrow(() -> AutoScalingErrors.OBJECT_NOT_FOUND.exception("No scaling policy found for service namespace: "
                        + t.namespace() + ", resource ID: " + t.resourceId() + ", scalable dimension: " + t.dimension()
                        + ", policy name: " + r.policyName()));
        control.deletePolicy(p);
        return DeleteScalingPolicyResponse.builder().build();
    }

    DescribeScalingPoliciesResponse describe(DescribeScalingPoliciesRequest r, RequestContext ctx) {
        List<ScalingPolicy> found = control.records.policies.list(ctx.scope().prefix()).stream()
                .filter(p -> p.namespace().equals(r.serviceNamespaceAsString()))
                .filter(p -> r.resourceId() == null || p.resourceId().equals(r.resourceId()))
                .filter(p -> r.scalableDimension() == null || p.dimension().equals(r.scalableDimensionAsString()))
                .filter(p -> !r.hasPolicyNames() || r.policyNames().isEmpty() || r.policyNames().contains(p.name()))
                .sorted(Comparator.comparing(ScalingPolicy::name)).toList();
        return DescribeScalingPoliciesResponse.builder().scalingPolicies(found.stream().map(p -> toSdk(p, ctx)).toList()).build();
    }

    private static software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy toSdk(ScalingPolicy p,
                                                                                                  RequestContext ctx) {
        var b = software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy.builder().policyARN(p.arn())
                .policyName(p.name()).serviceNamespace(p.namespace()).resourceId(p.resourceId()).scalableDimension(p.dimension())
                .policyType(p.type()).creationTime(p.creationTime()).alarms(p.alarmNames().stream()
                        .map(n -> Alarm.builder().alarmName(n).alarmARN(ctx.scope().arn("cloudwatch", "alarm:" + n)).build())
                        .toList());
        if (p.targetTracking() != null) {
            ScalingPolicy.TargetTracking tt = p.targetTracking();
            var c = TargetTrackingScalingPolicyConfiguration.builder().targetValue(tt.targetValue())
                    .scaleOutCooldown(tt.scaleOutCooldown()).scaleInCooldown(tt.scaleInCooldown())
                    .disableScaleIn(tt.disableScaleIn());
            if (!tt.predefinedType().isEmpty()) {
                c.predefinedMetricSpecification(PredefinedMetricSpecification.builder().predefinedMetricType(tt.predefinedType())
                        .resourceLabel(tt.resourceLabel().isEmpty() ? null : tt.resourceLabel()).build());
            } else {
                ScalingPolicy.TrackedMetric m = tt.metric();
                c.customizedMetricSpecification(!m.queries().isEmpty() ? CustomizedMetrics.toSdk(m)
                        : CustomizedMetricSpecification.builder().metricName(m.metricName())
                        .namespace(m.namespace()).statistic(m.statistic()).unit(m.unit().isEmpty() ? null : m.unit())
                        .dimensions(m.dimensions().entrySet().stream().map(e -> MetricDimension.builder().name(e.getKey())
                                .value(e.getValue()).build()).toList()).build());
            }
            b.targetTrackingScalingPolicyConfiguration(c.build());
        }
        if (p.stepScaling() != null) {
            ScalingPolicy.StepScaling s = p.stepScaling();
            var c = StepScalingPolicyConfiguration.builder().adjustmentType(s.adjustmentType()).cooldown(s.cooldown())
                    .metricAggregationType(s.metricAggregationType()).stepAdjustments(s.steps().stream()
                            .map(x -> StepAdjustment.builder().metricIntervalLowerBound(x.lowerBound())
                                    .metricIntervalUpperBound(x.upperBound()).scalingAdjustment(x.adjustment()).build()).toList());
            if (s.adjustmentType().equals("PercentChangeInCapacity") && s.minAdjustmentMagnitude() > 0) {
                c.minAdjustmentMagnitude(s.minAdjustmentMagnitude());
            }
            b.stepScalingPolicyConfiguration(c.build());
        }
        return b.build();
    }

    PutScheduledActionResponse putScheduled(PutScheduledActionRequest r, RequestContext ctx) {
        ScalableTarget t = target(ctx, r.serviceNamespaceAsString(), r.resourceId(), r.scalableDimensionAsString());
        String key = ctx.scope().key(t.id() + "|" + r.scheduledActionName());
        var existing = control.records.scheduled.find(key).map(v -> v.value());
        String schedule = r.schedule() != null ? r.schedule() : existing.map(ScheduledAction::schedule).orElseThrow(() ->
                AutoScalingErrors.VALIDATION.exception("Schedule is required for a new scheduled action"));
        try {
            Schedule.parse(schedule);
        } catch (Schedule.Invalid e) {
            throw AutoScalingErrors.VALIDATION.exception(e.getMessage());
        }
        String zone = r.timezone() != null ? r.timezone() : existing.map(ScheduledAction::timezone).orElse("UTC");
        try {
            ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw AutoScalingErrors.VALIDATION.exception("Invalid timezone: " + zone);
        }
        ScalableTargetAction a = r.scalableTargetAction();
        int min = a != null && a.minCapacity() != null ? a.minCapacity() : existing.map(ScheduledAction::minCapacity).orElse(-1);
        int max = a != null && a.maxCapacity() != null ? a.maxCapacity() : existing.map(ScheduledAction::maxCapacity).orElse(-1);
        if (min < 0 && max < 0) {
            throw AutoScalingErrors.VALIDATION.exception("ScalableTargetAction requires MinCapacity or MaxCapacity");
        }
        if (min >= 0 && max >= 0 && min > max) {
            throw AutoScalingErrors.VALIDATION.exception("Minimum capacity cannot be greater than maximum capacity");
        }
        java.time.Instant now = control.clock.instant();
        String arn = existing.map(ScheduledAction::arn).orElse("arn:aws:autoscaling:" + ctx.region() + ":" + ctx.accountId()
                + ":scheduledAction:" + UUID.randomUUID() + ":resource/" + t.namespace() + "/" + t.resourceId()
                + ":scheduledActionName/" + r.scheduledActionName());
        control.putScheduled(t, new ScheduledAction(ctx.accountId(), ctx.region(), r.scheduledActionName(), arn, t.namespace(),
                t.resourceId(), t.dimension(), schedule, zone, r.startTime(), r.endTime(), min, max,
                existing.map(ScheduledAction::creationTime).orElse(now), now));
        return PutScheduledActionResponse.builder().build();
    }

    DeleteScheduledActionResponse deleteScheduled(DeleteScheduledActionRequest r, RequestContext ctx) {
        ScalableTarget t = target(ctx, r.serviceNamespaceAsString(), r.resourceId(), r.scalableDimensionAsString());
        String key = ctx.scope().key(t.id() + "|" + r.scheduledActionName());
        control.records.scheduled.find(key).orElseThrow(() -> AutoScalingErrors.OBJECT_NOT_FOUND.exception(
                "No scheduled action found for service namespace: " + t.namespace() + ", resource ID: " + t.resourceId()
                        + ", scalable dimension: " + t.dimension() + ", scheduled action name: " + r.scheduledActionName()));
        control.records.scheduled.remove(key, Store.ANY);
        return DeleteScheduledActionResponse.builder().build();
    }

    DescribeScheduledActionsResponse describeScheduled(DescribeScheduledActionsRequest r, RequestContext ctx) {
        List<ScheduledAction> found = control.records.scheduled.list(ctx.scope().prefix()).stream()
                .filter(a -> a.namespace().equals(r.serviceNamespaceAsString()))
                .filter(a -> r.resourceId() == null || a.resourceId().equals(r.resourceId()))
                .filter(a -> r.scalableDimension() == null || a.dimension().equals(r.scalableDimensionAsString()))
                .filter(a -> !r.hasScheduledActionNames() || r.scheduledActionNames().isEmpty()
                        || r.scheduledActionNames().contains(a.name()))
                .sorted(Comparator.comparing(ScheduledAction::name)).toList();
        return DescribeScheduledActionsResponse.builder().scheduledActions(found.stream().map(a -> {
            var action = ScalableTargetAction.builder();
            if (a.minCapacity() >= 0) action.minCapacity(a.minCapacity());
            if (a.maxCapacity() >= 0) action.maxCapacity(a.maxCapacity());
            return software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction.builder()
                    .scheduledActionName(a.name()).scheduledActionARN(a.arn()).serviceNamespace(a.namespace())
                    .schedule(a.schedule()).timezone(a.timezone()).resourceId(a.resourceId()).scalableDimension(a.dimension())
                    .startTime(a.startTime()).endTime(a.endTime()).scalableTargetAction(action.build())
                    .creationTime(a.creationTime()).build();
        }).toList()).build();
    }

    GetPredictiveScalingForecastResponse forecast(GetPredictiveScalingForecastRequest r, RequestContext ctx) {
        target(ctx, r.serviceNamespaceAsString(), r.resourceId(), r.scalableDimensionAsString());
        throw AutoScalingErrors.VALIDATION.exception("No predictive scaling policy found for policy name: " + r.policyName());
    }
}
