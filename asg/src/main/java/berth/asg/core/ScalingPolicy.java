package berth.asg.core;

import java.time.Instant;

/**
 * A simple or step-less scaling policy of a group, applied by ExecutePolicy (berth has no CloudWatch
 * alarms to trigger it): {@code ChangeInCapacity}, {@code ExactCapacity} or
 * {@code PercentChangeInCapacity} by {@code scalingAdjustment}, within the group's bounds, honouring
 * its cooldown (the group's default cooldown when it has none).
 *
 * @param cooldown seconds; -1 for the group's default
 */
public record ScalingPolicy(String accountId, String region, String groupName, String name, String arn,
                            String adjustmentType, int scalingAdjustment, int minAdjustmentMagnitude, int cooldown,
                            boolean enabled, Instant createdAt) {

    /** The desired capacity this policy asks of a group now at {@code current}, within {@code min}..{@code max}. */
    public int desiredFrom(int current, int min, int max) {
        int wanted = switch (adjustmentType) {
            case "ExactCapacity" -> scalingAdjustment;
            case "PercentChangeInCapacity" -> {
                double change = current * scalingAdjustment / 100.0;
                int step = (int) (change >= 0 ? Math.floor(change) : Math.ceil(change));
                if (step == 0 && scalingAdjustment != 0) step = scalingAdjustment > 0 ? 1 : -1;
                if (minAdjustmentMagnitude > 0 && Math.abs(step) < minAdjustmentMagnitude) {
                    step = Integer.signum(step) * minAdjustmentMagnitude;
                }
                yield current + step;
            }
            default -> current + scalingAdjustment;
        };
        return Math.max(min, Math.min(max, wanted));
    }
}
