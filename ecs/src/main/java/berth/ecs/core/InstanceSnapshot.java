package berth.ecs.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container instance as placement sees it at one moment: identity, status, agent connection,
 * registered and remaining resources (CPU units, memory MiB), reserved host ports, attributes and
 * the tasks holding resources on it.
 *
 * <p>Attributes are name to value; an attribute that ECS stores without a value has the empty
 * string as its value. {@code runningTasksCount} and {@code pendingTasksCount} are the counters
 * DescribeContainerInstances reports; {@code tasks} lists every task that holds resources here.
 * {@code agentVersion} is empty when the agent has not reported one.
 */
public record InstanceSnapshot(
        String containerInstanceArn,
        String ec2InstanceId,
        InstanceStatus status,
        boolean agentConnected,
        String agentVersion,
        Instant registeredAt,
        int registeredCpu,
        int registeredMemoryMiB,
        int remainingCpu,
        int remainingMemoryMiB,
        HostPorts reservedPorts,
        Map<String, String> attributes,
        int runningTasksCount,
        int pendingTasksCount,
        List<TaskOnInstance> tasks) {

    public static final String AVAILABILITY_ZONE = "ecs.availability-zone";
    public static final String INSTANCE_TYPE = "ecs.instance-type";
    public static final String OS_TYPE = "ecs.os-type";
    /** Present on instances registered with ECS Anywhere; those only take EXTERNAL tasks. */
    public static final String EXTERNAL = "ecs.capability.external";

    public InstanceSnapshot {
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        Objects.requireNonNull(ec2InstanceId, "ec2InstanceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(reservedPorts, "reservedPorts");
        attributes = Map.copyOf(attributes);
        tasks = List.copyOf(tasks);
    }

    /** An ACTIVE, connected instance with nothing on it yet. */
    public static InstanceSnapshot active(String containerInstanceArn, String ec2InstanceId, int cpu,
                                          int memoryMiB, Map<String, String> attributes) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, InstanceStatus.ACTIVE, true, "",
                Instant.EPOCH, cpu, memoryMiB, cpu, memoryMiB, HostPorts.none(), attributes, 0, 0, List.of());
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public boolean external() {
        return attributes.containsKey(EXTERNAL);
    }

    public InstanceSnapshot withStatus(InstanceStatus newStatus) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, newStatus, agentConnected, agentVersion,
                registeredAt, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB, reservedPorts,
                attributes, runningTasksCount, pendingTasksCount, tasks);
    }

    public InstanceSnapshot withAgent(boolean connected, String version) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, connected, version,
                registeredAt, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB, reservedPorts,
                attributes, runningTasksCount, pendingTasksCount, tasks);
    }

    public InstanceSnapshot withRegisteredAt(Instant at) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, agentConnected, agentVersion,
                at, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB, reservedPorts,
                attributes, runningTasksCount, pendingTasksCount, tasks);
    }

    public InstanceSnapshot withRemaining(int cpu, int memoryMiB) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, agentConnected, agentVersion,
                registeredAt, registeredCpu, registeredMemoryMiB, cpu, memoryMiB, reservedPorts,
                attributes, runningTasksCount, pendingTasksCount, tasks);
    }

    public InstanceSnapshot withReservedPorts(HostPorts ports) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, agentConnected, agentVersion,
                registeredAt, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB, ports,
                attributes, runningTasksCount, pendingTasksCount, tasks);
    }

    /** This instance with {@code running} tasks already running on it (resources already counted). */
    public InstanceSnapshot withRunningTasks(List<TaskOnInstance> running) {
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, agentConnected, agentVersion,
                registeredAt, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB, reservedPorts,
                attributes, running.size(), pendingTasksCount, running);
    }

    /**
     * This instance after {@code placed} new tasks were assigned to it: their resources and ports
     * are taken, they count as pending, and they join the task list.
     */
    public InstanceSnapshot withPlaced(List<TaskOnInstance> placed, int cpu, int memoryMiB, HostPorts ports) {
        List<TaskOnInstance> all = new ArrayList<>(tasks.size() + placed.size());
        all.addAll(tasks);
        all.addAll(placed);
        return new InstanceSnapshot(containerInstanceArn, ec2InstanceId, status, agentConnected, agentVersion,
                registeredAt, registeredCpu, registeredMemoryMiB, remainingCpu - cpu, remainingMemoryMiB - memoryMiB,
                reservedPorts.plus(ports), attributes, runningTasksCount, pendingTasksCount + placed.size(), all);
    }
}
