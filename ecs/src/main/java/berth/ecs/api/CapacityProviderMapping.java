package berth.ecs.api;

import berth.ecs.core.CapacityProvider;
import berth.ecs.core.CapacityProvider.AutoScalingGroupProvider;
import berth.ecs.core.CapacityProvider.ManagedScaling;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;

/** Capacity providers between the ECS wire and core, and ECS's limits on their settings. */
final class CapacityProviderMapping {
    private CapacityProviderMapping() {}

    /** {@code requested} managed scaling with what it leaves out taken from {@code current}. */
    static ManagedScaling scaling(software.amazon.awssdk.services.ecs.model.ManagedScaling requested,
                                  ManagedScaling current) {
        if (requested == null) {
            return current;
        }
        return new ManagedScaling(requested.status() == null ? current.status() : requested.statusAsString(),
                requested.targetCapacity() == null ? current.targetCapacity() : requested.targetCapacity(),
                requested.minimumScalingStepSize() == null ? current.minimumScalingStepSize()
                        : requested.minimumScalingStepSize(),
                requested.maximumScalingStepSize() == null ? current.maximumScalingStepSize()
                        : requested.maximumScalingStepSize(),
                requested.instanceWarmupPeriod() == null ? current.instanceWarmupPeriod()
                        : requested.instanceWarmupPeriod());
    }

    static void check(AutoScalingGroupProvider provider) {
        ManagedScaling s = provider.managedScaling();
        if (s.targetCapacity() < 1 || s.targetCapacity() > 100) {
            throw EcsErrors.INVALID_PARAMETER.exception("The managed scaling target capacity must be between 1 and"
                    + " 100.");
        }
        if (s.minimumScalingStepSize() < 1 || s.minimumScalingStepSize() > 10_000
                || s.maximumScalingStepSize() < 1 || s.maximumScalingStepSize() > 10_000) {
            throw EcsErrors.INVALID_PARAMETER.exception("The managed scaling step sizes must be between 1 and 10000.");
        }
        if (s.minimumScalingStepSize() > s.maximumScalingStepSize()) {
            throw EcsErrors.INVALID_PARAMETER.exception("The minimum scaling step size cannot be greater than the"
                    + " maximum scaling step size.");
        }
        if (s.instanceWarmupPeriod() < 0 || s.instanceWarmupPeriod() > 10_000) {
            throw EcsErrors.INVALID_PARAMETER.exception("The instance warmup period must be between 0 and 10000"
                    + " seconds.");
        }
        if ("ENABLED".equals(provider.managedTerminationProtection()) && !"ENABLED".equals(s.status())) {
            throw EcsErrors.INVALID_PARAMETER.exception("The managed termination protection setting for the capacity"
                    + " provider is invalid. To enable managed termination protection for a capacity provider, managed"
                    + " scaling must also be enabled.");
        }
    }

    static software.amazon.awssdk.services.ecs.model.CapacityProvider toSdk(CapacityProvider p, boolean withTags) {
        var b = software.amazon.awssdk.services.ecs.model.CapacityProvider.builder()
                .capacityProviderArn(p.arn()).name(p.name()).status(p.status());
        AutoScalingGroupProvider asg = p.autoScalingGroup();
        if (asg != null) {
            ManagedScaling s = asg.managedScaling();
            b.autoScalingGroupProvider(g -> g.autoScalingGroupArn(asg.autoScalingGroupArn())
                    .managedScaling(m -> m.status(ManagedScalingStatus.fromValue(s.status()))
                            .targetCapacity(s.targetCapacity()).minimumScalingStepSize(s.minimumScalingStepSize())
                            .maximumScalingStepSize(s.maximumScalingStepSize())
                            .instanceWarmupPeriod(s.instanceWarmupPeriod()))
                    .managedTerminationProtection(asg.managedTerminationProtection())
                    .managedDraining(asg.managedDraining()));
        }
        if (!p.updateStatus().isEmpty()) {
            b.updateStatus(p.updateStatus());
        }
        if (withTags && !p.tags().isEmpty()) {
            b.tags(TagMapping.toSdk(p.tags()));
        }
        return b.build();
    }
}
