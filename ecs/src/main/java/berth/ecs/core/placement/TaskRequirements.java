package berth.ecs.core.placement;

import berth.ecs.core.HostPorts;
import berth.ecs.core.LaunchType;
import java.util.List;
import java.util.Objects;

/**
 * What one task needs from a container instance: CPU units and memory MiB as ECS counts them for
 * placement, fixed host ports by protocol, required attributes, and the placement constraints of
 * the task definition and the request together. {@code group} is the task group that spread,
 * distinctInstance and {@code task:group} queries count by.
 */
public record TaskRequirements(
        String taskDefinitionFamily,
        String group,
        LaunchType launchType,
        int cpuUnits,
        int memoryMiB,
        HostPorts hostPorts,
        List<RequiredAttribute> requiredAttributes,
        List<PlacementConstraint> placementConstraints) {

    public TaskRequirements {
        Objects.requireNonNull(taskDefinitionFamily, "taskDefinitionFamily");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(launchType, "launchType");
        Objects.requireNonNull(hostPorts, "hostPorts");
        if (cpuUnits < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("cpu and memory cannot be negative");
        }
        requiredAttributes = List.copyOf(requiredAttributes);
        placementConstraints = List.copyOf(placementConstraints);
    }

    /** An EC2 task in the default group of a standalone task, {@code family:FAMILY}. */
    public static TaskRequirements ec2(String family, int cpuUnits, int memoryMiB) {
        return new TaskRequirements(family, defaultGroup(family), LaunchType.EC2, cpuUnits, memoryMiB,
                HostPorts.none(), List.of(), List.of());
    }

    /** The group ECS gives a standalone task when the request names none. */
    public static String defaultGroup(String family) {
        return "family:" + family;
    }

    /**
     * The memory ECS subtracts from an instance for a task: the task-level memory when the task
     * definition sets one ({@code taskMemoryMiB > 0}), otherwise the sum over containers of each
     * one's reservation, or its hard limit where it has no reservation.
     */
    public static int placementMemoryMiB(int taskMemoryMiB, List<ContainerMemory> containers) {
        if (taskMemoryMiB > 0) {
            return taskMemoryMiB;
        }
        int sum = 0;
        for (ContainerMemory container : containers) {
            sum += container.placementMiB();
        }
        return sum;
    }

    /**
     * The CPU units ECS subtracts from an instance for a task: the task-level CPU when set
     * ({@code taskCpuUnits > 0}), otherwise the sum of the containers' {@code cpu} units.
     */
    public static int placementCpuUnits(int taskCpuUnits, List<Integer> containerCpuUnits) {
        if (taskCpuUnits > 0) {
            return taskCpuUnits;
        }
        int sum = 0;
        for (int units : containerCpuUnits) {
            sum += units;
        }
        return sum;
    }

    public TaskRequirements withGroup(String newGroup) {
        return new TaskRequirements(taskDefinitionFamily, newGroup, launchType, cpuUnits, memoryMiB, hostPorts,
                requiredAttributes, placementConstraints);
    }

    public TaskRequirements withHostPorts(HostPorts ports) {
        return new TaskRequirements(taskDefinitionFamily, group, launchType, cpuUnits, memoryMiB, ports,
                requiredAttributes, placementConstraints);
    }

    public TaskRequirements withRequiredAttributes(List<RequiredAttribute> attributes) {
        return new TaskRequirements(taskDefinitionFamily, group, launchType, cpuUnits, memoryMiB, hostPorts,
                attributes, placementConstraints);
    }

    public TaskRequirements withConstraints(List<PlacementConstraint> constraints) {
        return new TaskRequirements(taskDefinitionFamily, group, launchType, cpuUnits, memoryMiB, hostPorts,
                requiredAttributes, constraints);
    }

    public TaskRequirements withLaunchType(LaunchType type) {
        return new TaskRequirements(taskDefinitionFamily, group, type, cpuUnits, memoryMiB, hostPorts,
                requiredAttributes, placementConstraints);
    }
}
