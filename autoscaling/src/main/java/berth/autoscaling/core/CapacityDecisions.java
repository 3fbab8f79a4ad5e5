package berth.autoscaling.core;

import java.util.Optional;

/** The capacity a policy asks for, as Application Auto Scaling (and EC2 Auto Scaling, which computes it alike) computes it. Pure. */
public final class CapacityDecisions {
    private CapacityDecisions() {}

    /**
     * Step scaling: the step whose interval (relative to the alarm threshold: lower inclusive, upper
     * exclusive, null unbounded) holds {@code value - threshold}, applied to {@code current}; empty
     * when no step holds it.
     */
    public static Optional<Integer> step(ScalingPolicy.StepScaling config, int current, double value, double threshold) {
        double offset = value - threshold;
        for (ScalingPolicy.Step step : config.steps()) {
            if (inStep(step.lowerBound(), step.upperBound(), offset)) {
                return Optional.of(adjusted(config.adjustmentType(), step.adjustment(), config.minAdjustmentMagnitude(), current));
            }
        }
        return Optional.empty();
    }

    /** Whether a step's interval (lower inclusive, upper exclusive, null unbounded) holds {@code offset}. */
    public static boolean inStep(Double lowerBound, Double upperBound, double offset) {
        return (lowerBound == null || offset >= lowerBound) && (upperBound == null || offset < upperBound);
    }

    /**
     * {@code adjustment} applied to {@code current} by its type (ChangeInCapacity, ExactCapacity,
     * PercentChangeInCapacity: rounded toward zero, at least 1 and at least {@code minAdjustmentMagnitude}
     * away from {@code current}), as both Application Auto Scaling and EC2 Auto Scaling apply it; not
     * yet within any bounds.
     */
    public static int adjusted(String adjustmentType, int adjustment, int minAdjustmentMagnitude, int current) {
        return switch (adjustmentType) {
            case "ExactCapacity" -> adjustment;
            case "PercentChangeInCapacity" -> {
                double change = current * adjustment / 100.0;
                int rounded = (int) (change >= 0 ? Math.floor(change) : Math.ceil(change));
                if (Math.abs(rounded) < minAdjustmentMagnitude) {
                    rounded = (int) Math.signum(adjustment) * minAdjustmentMagnitude;
                }
                if (rounded == 0 && adjustment != 0) {
                    rounded = adjustment > 0 ? 1 : -1;
                }
                yield current + rounded;
            }
            default -> current + adjustment;
        };
    }

    /**
     * Target tracking: the capacity that brings the metric to the target if it scales with capacity,
     * {@code ceil(current × value / target)}, at least 1 when scaling out from zero.
     */
    public static int tracking(int current, double value, double target) {
        if (target <= 0) {
            return current;
        }
        if (current == 0) {
            return value > target ? 1 : 0;
        }
        return (int) Math.ceil(current * value / target - 1e-9);
    }

    /** {@code capacity} within [min, max]. */
    public static int clamp(int capacity, int min, int max) {
        return Math.max(min, Math.min(max, capacity));
    }
}
