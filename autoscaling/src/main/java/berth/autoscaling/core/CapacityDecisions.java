package berth.autoscaling.core;

import java.util.Optional;

/** The capacity a policy asks for, as Application Auto Scaling computes it. Pure. */
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
            boolean aboveLower = step.lowerBound() == null || offset >= step.lowerBound();
            boolean belowUpper = step.upperBound() == null || offset < step.upperBound();
            if (aboveLower && belowUpper) {
                return Optional.of(apply(config, current, step.adjustment()));
            }
        }
        return Optional.empty();
    }

    private static int apply(ScalingPolicy.StepScaling config, int current, int adjustment) {
        return switch (config.adjustmentType()) {
            case "ExactCapacity" -> adjustment;
            case "PercentChangeInCapacity" -> {
                double change = current * adjustment / 100.0;
                int rounded = (int) (change >= 0 ? Math.floor(change) : Math.ceil(change));
                if (Math.abs(rounded) < config.minAdjustmentMagnitude()) {
                    rounded = (int) Math.signum(adjustment) * config.minAdjustmentMagnitude();
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
