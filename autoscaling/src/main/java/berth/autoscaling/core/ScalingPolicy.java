package berth.autoscaling.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scaling policy of a target: target tracking (with the two alarms it owns) or step scaling
 * (acting while an alarm naming it is in ALARM, again each minute it stays there, as CloudWatch
 * invokes it again).
 *
 * @param lastAction when the policy last changed capacity; null if never
 * @param type TargetTrackingScaling or StepScaling
 */
public record ScalingPolicy(String accountId, String region, String name, String arn, String namespace, String resourceId,
                            String dimension, String type, TargetTracking targetTracking, StepScaling stepScaling,
                            List<String> alarmNames, Instant creationTime, Instant lastAction) {
    public static final String TARGET_TRACKING = "TargetTrackingScaling";
    public static final String STEP = "StepScaling";

    public ScalingPolicy {
        alarmNames = List.copyOf(alarmNames);
    }

    public ScalingPolicy acted(Instant at) {
        return new ScalingPolicy(accountId, region, name, arn, namespace, resourceId, dimension, type, targetTracking,
                stepScaling, alarmNames, creationTime, at);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String targetId() {
        return ScalableTarget.id(namespace, resourceId, dimension);
    }

    /**
     * The metric a target tracking policy tracks: one metric, or (with {@code queries}) the one
     * query of metric math over them that returns data (the other fields then empty).
     */
    public record TrackedMetric(String namespace, String metricName, Map<String, String> dimensions, String statistic,
                                String unit, List<TrackedQuery> queries) {
        public TrackedMetric {
            dimensions = Map.copyOf(dimensions);
            queries = queries == null ? List.of() : List.copyOf(queries);
        }

        public TrackedMetric(String namespace, String metricName, Map<String, String> dimensions, String statistic,
                             String unit) {
            this(namespace, metricName, dimensions, statistic, unit, List.of());
        }
    }

    /** One query of a customized metric on metric math: a metric and its statistic, or an expression. */
    public record TrackedQuery(String id, String expression, String label, String namespace, String metricName,
                               Map<String, String> dimensions, String stat, String unit, boolean returnData) {
        public TrackedQuery {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /**
     * @param predefinedType the predefined metric type, empty for a customized metric
     */
    public record TargetTracking(double targetValue, String predefinedType, String resourceLabel, TrackedMetric metric,
                                 int scaleOutCooldown, int scaleInCooldown, boolean disableScaleIn) {}

    public record Step(Double lowerBound, Double upperBound, int adjustment) {}

    /** @param adjustmentType ChangeInCapacity, PercentChangeInCapacity or ExactCapacity */
    public record StepScaling(String adjustmentType, List<Step> steps, int minAdjustmentMagnitude, int cooldown,
                              String metricAggregationType) {
        public StepScaling {
            steps = List.copyOf(steps);
        }
    }
}
