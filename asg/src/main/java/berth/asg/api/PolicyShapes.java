package berth.asg.api;

import berth.asg.core.AsgErrors;
import berth.asg.core.ScalingPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.autoscaling.model.MetricDimension;
import software.amazon.awssdk.services.autoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.autoscaling.model.TargetTrackingConfiguration;

/** Scaling policies' parts between the wire and core: step adjustments and target tracking configurations. */
final class PolicyShapes {
    private PolicyShapes() {}

    /**
     * Step adjustments as EC2 Auto Scaling checks them: at most one open lower and one open upper
     * bound, no overlaps, no gaps.
     */
    static List<ScalingPolicy.StepAdjustment> steps(List<StepAdjustment> given) {
        List<ScalingPolicy.StepAdjustment> steps = new ArrayList<>();
        for (StepAdjustment s : given) {
            if (s.scalingAdjustment() == null) {
                throw AsgErrors.VALIDATION_ERROR.exception("ScalingAdjustment is required for each step adjustment");
            }
            if (s.metricIntervalLowerBound() == null && s.metricIntervalUpperBound() == null && given.size() > 1) {
                throw AsgErrors.VALIDATION_ERROR.exception("Only one step adjustment may have neither bound");
            }
            if (s.metricIntervalLowerBound() != null && s.metricIntervalUpperBound() != null
                    && s.metricIntervalLowerBound() >= s.metricIntervalUpperBound()) {
                throw AsgErrors.VALIDATION_ERROR.exception("The upper bound of a step adjustment must be greater than its lower bound");
            }
            steps.add(new ScalingPolicy.StepAdjustment(s.metricIntervalLowerBound(), s.metricIntervalUpperBound(),
                    s.scalingAdjustment()));
        }
        steps.sort(Comparator.comparing(s -> s.lower() == null ? Double.NEGATIVE_INFINITY : s.lower()));
        for (int i = 1; i < steps.size(); i++) {
            Double upper = steps.get(i - 1).upper();
            Double lower = steps.get(i).lower();
            if (upper == null || lower == null || !upper.equals(lower)) {
                throw AsgErrors.VALIDATION_ERROR.exception("Step adjustments must not overlap or leave gaps between their bounds");
            }
        }
        return List.copyOf(steps);
    }

    /** A target tracking configuration with its metric resolved: predefined for the group, or customized. */
    static ScalingPolicy.TargetTracking tracking(TargetTrackingConfiguration c, String group) {
        if (c.targetValue() == null) {
            throw AsgErrors.VALIDATION_ERROR.exception("TargetValue is required");
        }
        PredefinedMetricSpecification predefined = c.predefinedMetricSpecification();
        CustomizedMetricSpecification custom = c.customizedMetricSpecification();
        if ((predefined == null) == (custom == null)) {
            throw AsgErrors.VALIDATION_ERROR.exception("Exactly one of PredefinedMetricSpecification and"
                    + " CustomizedMetricSpecification must be given");
        }
        boolean disableScaleIn = Boolean.TRUE.equals(c.disableScaleIn());
        if (predefined != null) {
            String type = predefined.predefinedMetricTypeAsString();
            String label = predefined.resourceLabel() == null ? "" : predefined.resourceLabel();
            Map<String, String> byGroup = Map.of("AutoScalingGroupName", group);
            ScalingPolicy.TrackedMetric metric = switch (type == null ? "" : type) {
                case "ASGAverageCPUUtilization" ->
                        new ScalingPolicy.TrackedMetric("AWS/EC2", "CPUUtilization", byGroup, "Average", "Percent");
                case "ALBRequestCountPerTarget" -> {
                    int at = label.indexOf("/targetgroup/");
                    if (!label.startsWith("app/") || at < 0) {
                        throw AsgErrors.VALIDATION_ERROR.exception("ResourceLabel must be"
                                + " app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id> for ALBRequestCountPerTarget");
                    }
                    yield new ScalingPolicy.TrackedMetric("AWS/ApplicationELB", "RequestCountPerTarget",
                            Map.of("TargetGroup", label.substring(at + 1)), "Sum", "");
                }
                case "ASGAverageNetworkIn", "ASGAverageNetworkOut" ->
                        throw GroupApi.unsupported(type + " (berth measures no instance network traffic)");
                default -> throw AsgErrors.VALIDATION_ERROR.exception("PredefinedMetricType must be one of"
                        + " ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut, ALBRequestCountPerTarget");
            };
            if (!type.equals("ALBRequestCountPerTarget") && !label.isEmpty()) {
                throw AsgErrors.VALIDATION_ERROR.exception("ResourceLabel applies to ALBRequestCountPerTarget only");
            }
            return new ScalingPolicy.TargetTracking(c.targetValue(), disableScaleIn, type, label, metric);
        }
        if (!custom.metrics().isEmpty()) {
            throw GroupApi.unsupported("metric math in CustomizedMetricSpecification.Metrics; give one metric");
        }
        if (custom.metricName() == null || custom.namespace() == null || custom.statistic() == null) {
            throw AsgErrors.VALIDATION_ERROR.exception("MetricName, Namespace and Statistic are required in"
                    + " CustomizedMetricSpecification");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (MetricDimension d : custom.dimensions()) {
            dimensions.put(d.name(), d.value());
        }
        return new ScalingPolicy.TargetTracking(c.targetValue(), disableScaleIn, "", "",
                new ScalingPolicy.TrackedMetric(custom.namespace(), custom.metricName(), dimensions,
                        custom.statisticAsString(), custom.unit() == null ? "" : custom.unit()));
    }

    /** A target tracking configuration as DescribePolicies answers it. */
    static TargetTrackingConfiguration configuration(ScalingPolicy.TargetTracking tt) {
        var b = TargetTrackingConfiguration.builder().targetValue(tt.targetValue()).disableScaleIn(tt.disableScaleIn());
        if (!tt.predefinedMetricType().isEmpty()) {
            b.predefinedMetricSpecification(p -> p.predefinedMetricType(tt.predefinedMetricType())
                    .resourceLabel(tt.resourceLabel().isEmpty() ? null : tt.resourceLabel()));
        } else {
            ScalingPolicy.TrackedMetric m = tt.metric();
            b.customizedMetricSpecification(c -> c.namespace(m.namespace()).metricName(m.metricName())
                    .statistic(m.statistic()).unit(m.unit().isEmpty() ? null : m.unit())
                    .dimensions(m.dimensions().entrySet().stream()
                            .map(e -> MetricDimension.builder().name(e.getKey()).value(e.getValue()).build()).toList()));
        }
        return b.build();
    }
}
