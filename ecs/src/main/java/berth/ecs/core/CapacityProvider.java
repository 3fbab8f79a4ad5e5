package berth.ecs.core;

import berth.aws.Scope;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ECS capacity provider: FARGATE and FARGATE_SPOT exist in every account and region; others are
 * created with CreateCapacityProvider over an Auto Scaling group. {@code status} is ACTIVE (a deleted
 * provider is gone); {@code updateStatus} the last change's outcome, empty before any.
 */
public record CapacityProvider(String accountId, String region, String name, String status,
                               AutoScalingGroupProvider autoScalingGroup, String updateStatus,
                               Map<String, String> tags) {

    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";
    public static final String ACTIVE = "ACTIVE";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    public CapacityProvider {
        tags = OrderedMaps.copyOf(tags);
        updateStatus = updateStatus == null ? "" : updateStatus;
    }

    /**
     * The Auto Scaling group a provider scales, with ECS's managed scaling and protection settings.
     *
     * @param managedTerminationProtection ENABLED or DISABLED
     * @param managedDraining              ENABLED or DISABLED
     */
    public record AutoScalingGroupProvider(String autoScalingGroupArn, ManagedScaling managedScaling,
                                           String managedTerminationProtection, String managedDraining) {}

    /** Managed scaling: ENABLED or DISABLED, with ECS's defaults 100 %, steps 1..10000 and a 300 s warmup. */
    public record ManagedScaling(String status, int targetCapacity, int minimumScalingStepSize,
                                 int maximumScalingStepSize, int instanceWarmupPeriod) {
        public static final ManagedScaling DEFAULT = new ManagedScaling("DISABLED", 100, 1, 10_000, 300);
    }

    public static boolean fargate(String name) {
        return FARGATE.equals(name) || FARGATE_SPOT.equals(name);
    }

    /** ECS's rule for created providers: 1-255 letters, digits, '-' and '_', not starting with aws, ecs or fargate. */
    public static boolean validName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return NAME.matcher(name).matches() && !lower.startsWith("aws") && !lower.startsWith("ecs")
                && !lower.startsWith("fargate");
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.capacityProvider(scope(), name);
    }
}
