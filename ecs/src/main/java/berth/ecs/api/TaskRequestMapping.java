package berth.ecs.api;

import berth.ecs.core.placement.InvalidPlacementException;
import berth.ecs.core.placement.PlacementConstraint;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.task.AwsVpcConfiguration;
import berth.ecs.core.task.CapacityProviderItem;
import berth.ecs.core.task.ContainerOverride;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskPlacementConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** The parts of RunTask and StartTask requests that become core values: overrides, network, placement. */
final class TaskRequestMapping {
    private TaskRequestMapping() {}

    static TaskOverrides overrides(TaskOverride o) {
        if (o == null) {
            return TaskOverrides.none();
        }
        if (o.hasInferenceAcceleratorOverrides() && !o.inferenceAcceleratorOverrides().isEmpty()) {
            throw EcsErrors.CLIENT.exception("Overrides set 'inferenceAcceleratorOverrides', which berth does not"
                    + " support.");
        }
        List<ContainerOverride> containers = new ArrayList<>();
        for (var c : o.containerOverrides()) {
            if (c.name() == null || c.name().isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("Container override name cannot be empty.");
            }
            if (c.hasResourceRequirements() && !c.resourceRequirements().isEmpty()) {
                throw EcsErrors.CLIENT.exception("Container override '" + c.name()
                        + "' sets 'resourceRequirements', which berth does not support.");
            }
            containers.add(new ContainerOverride(c.name(), c.command(),
                    c.environment().stream().map(v -> new KeyValue(text(v.name()), text(v.value()))).toList(),
                    c.environmentFiles().stream().map(f -> new EnvironmentFile(text(f.value()), f.typeAsString() == null
                            ? "s3" : f.typeAsString())).toList(),
                    number(c.cpu()), number(c.memory()), number(c.memoryReservation())));
        }
        int storage = o.ephemeralStorage() == null || o.ephemeralStorage().sizeInGiB() == null ? 0
                : o.ephemeralStorage().sizeInGiB();
        return new TaskOverrides(containers, text(o.cpu()), text(o.memory()), text(o.taskRoleArn()),
                text(o.executionRoleArn()), storage);
    }

    static Optional<AwsVpcConfiguration> awsvpc(NetworkConfiguration network) {
        if (network == null || network.awsvpcConfiguration() == null) {
            return Optional.empty();
        }
        var c = network.awsvpcConfiguration();
        return Optional.of(new AwsVpcConfiguration(c.subnets(), c.securityGroups(),
                "ENABLED".equals(c.assignPublicIpAsString())));
    }

    static List<CapacityProviderItem> strategy(List<CapacityProviderStrategyItem> items) {
        return items.stream().map(i -> new CapacityProviderItem(text(i.capacityProvider()),
                i.weight() == null ? 0 : i.weight(), i.base() == null ? 0 : i.base())).toList();
    }

    /** The request's constraints after the task definition's own memberOf constraints. */
    static List<PlacementConstraint> constraints(TaskDefinition definition,
                                                 List<software.amazon.awssdk.services.ecs.model.PlacementConstraint> requested) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        try {
            for (TaskPlacementConstraint c : definition.placementConstraints()) {
                constraints.add(PlacementConstraint.of(c.type(), c.expression()));
            }
            for (var c : requested) {
                constraints.add(PlacementConstraint.of(text(c.typeAsString()), text(c.expression())));
            }
        } catch (InvalidPlacementException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
        }
        return constraints;
    }

    static List<PlacementStrategy> strategies(List<software.amazon.awssdk.services.ecs.model.PlacementStrategy> requested) {
        List<PlacementStrategy> strategies = new ArrayList<>();
        try {
            for (var s : requested) {
                strategies.add(PlacementStrategy.of(text(s.typeAsString()), text(s.field())));
            }
        } catch (InvalidPlacementException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
        }
        return strategies;
    }

    private static int number(Integer value) {
        return value == null ? ContainerOverride.UNSET : value;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
