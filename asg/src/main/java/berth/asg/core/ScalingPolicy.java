package berth.asg.core;

import berth.autoscaling.core.CapacityDecisions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scaling policy of a group. {@code SimpleScaling} applies {@code scalingAdjustment} by
 * {@code adjustmentType} ({@code ChangeInCapacity}, {@code ExactCapacity} or
 * {@code PercentChangeInCapacity}), honouring its cooldown (the group's default cooldown when it has
 * none); {@code StepScaling} applies the step adjustment holding the alarm's breach, again once the
 * estimated instance warmup passed while the alarm stays in ALARM; {@code TargetTrackingScaling} owns
 * two alarms ({@code alarmNames}) and moves the capacity to what brings its metric to the target.
 * Simple policies run with ExecutePolicy too; all run while an alarm naming them is in ALARM.
 *
 * @param cooldown                seconds; -1 for the group's default
 * @param estimatedInstanceWarmup seconds; -1 for the group's default cooldown
 * @param targetTracking          the target tracking configuration, null for other types
 * @param lastActedAt             when an alarm last made the policy change the group; EPOCH for never
 */
public record ScalingPolicy(String accountId, String region, String groupName, String name, String arn,
                            String adjustmentType, int scalingAdjustment, int minAdjustmentMagnitude, int cooldown,
                            boolean enabled, Instant createdAt, String policyType, List<StepAdjustment> stepAdjustments,
                            String metricAggregationType, int estimatedInstanceWarmup, TargetTracking targetTracking,
                            List<String> alarmNames, Instant lastActedAt) {
    public static final String SIMPLE = "SimpleScaling";
    public static final String STEP = "StepScaling";
    public static final String TARGET_TRACKING = "TargetTrackingScaling";

    /**
     * A step: the adjustment applied while the metric's distance above the alarm's threshold is in
     * {@code [lower, upper)}; a null bound is unbounded.
     */
    public record StepAdjustment(Double lower, Double upper, int scalingAdjustment) {
        public boolean holds(double breach) {
            return CapacityDecisions.inStep(lower, upper, breach);
        }
    }

    /** The metric a target tracking policy follows: predefined or customized, resolved to one metric. */
    public record TrackedMetric(String namespace, String metricName, Map<String, String> dimensions, String statistic,
                                String unit) {
        public TrackedMetric {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /**
     * @param predefinedMetricType empty for a customized metric
     * @param resourceLabel        ALBRequestCountPerTarget's load balancer and target group, else empty
     */
    public record TargetTracking(double targetValue, boolean disableScaleIn, String predefinedMetricType,
                                 String resourceLabel, TrackedMetric metric) {}

    public ScalingPolicy {
        policyType = policyType == null ? SIMPLE : policyType;
        adjustmentType = adjustmentType == null ? "" : adjustmentType;
        stepAdjustments = stepAdjustments == null ? List.of() : List.copyOf(stepAdjustments);
        metricAggregationType = metricAggregationType == null ? "" : metricAggregationType;
        alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
        lastActedAt = lastActedAt == null ? Instant.EPOCH : lastActedAt;
    }

    public ScalingPolicy withLastActedAt(Instant at) {
        return new ScalingPolicy(accountId, region, groupName, name, arn, adjustmentType, scalingAdjustment,
                minAdjustmentMagnitude, cooldown, enabled, createdAt, policyType, stepAdjustments, metricAggregationType,
                estimatedInstanceWarmup, targetTracking, alarmNames, at);
    }

    /** The desired capacity this policy's own adjustment asks of a group now at {@code current}, within its bounds. */
    public int desiredFrom(int current, int min, int max) {
        return adjusted(adjustmentType, scalingAdjustment, minAdjustmentMagnitude, current, min, max);
    }

    /** The step holding {@code breach} (the metric's distance above the alarm's threshold); empty when none does. */
    public java.util.Optional<StepAdjustment> stepFor(double breach) {
        return stepAdjustments.stream().filter(s -> s.holds(breach)).findFirst();
    }

    /** The desired capacity {@code step} asks of a group now at {@code current}, within its bounds. */
    public int desiredFrom(StepAdjustment step, int current, int min, int max) {
        return adjusted(adjustmentType, step.scalingAdjustment(), minAdjustmentMagnitude, current, min, max);
    }

    /** {@code adjustment} applied by {@code type} to {@code current}, within {@code min}..{@code max}. */
    public static int adjusted(String type, int adjustment, int minAdjustmentMagnitude, int current, int min, int max) {
        return CapacityDecisions.clamp(CapacityDecisions.adjusted(type, adjustment, minAdjustmentMagnitude, current), min, max);
    }
}
