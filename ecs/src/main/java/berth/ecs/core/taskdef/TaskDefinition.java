package berth.ecs.core.taskdef;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.core.HostPorts;
import berth.ecs.core.placement.ContainerMemory;
import berth.ecs.core.placement.RequiredAttribute;
import berth.ecs.core.placement.TaskRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One revision of a task definition family, as stored after registration.
 *
 * <p>{@code cpu} and {@code memory} are the task-level sizes in ECS's wire form after registration
 * converted them ({@code "1 vCPU"} is stored as {@code "1024"}, {@code "2 GB"} as {@code "2048"}),
 * empty when the definition has none; {@code cpuUnits} and {@code memoryMiB} are the same as numbers
 * (0 when unset). {@code networkMode} is as registered, empty when the request named none (the
 * effective mode is then bridge, see {@link #effectiveNetworkMode()}). {@code compatibilities} are
 * the launch types the definition is valid for; {@code requiresAttributes} the instance attributes
 * an EC2 instance needs to run it. {@code deregisteredAt} is {@link Instant#EPOCH} while never
 * deregistered. {@code ephemeralStorageGiB} is 0 when unset.
 */
public record TaskDefinition(
        String accountId, String region, String family, int revision, TaskDefinitionStatus status,
        String taskRoleArn, String executionRoleArn, String networkMode,
        List<ContainerDefinition> containerDefinitions, List<Volume> volumes,
        List<TaskPlacementConstraint> placementConstraints,
        List<String> requiresCompatibilities, List<String> compatibilities, List<String> requiresAttributes,
        String cpu, String memory, int cpuUnits, int memoryMiB,
        String pidMode, String ipcMode, int ephemeralStorageGiB, RuntimePlatform runtimePlatform,
        Map<String, String> tags, Instant registeredAt, Instant deregisteredAt, String registeredBy) {

    public static final String EC2 = "EC2";
    public static final String FARGATE = "FARGATE";
    public static final String EXTERNAL = "EXTERNAL";

    public TaskDefinition {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskRoleArn, "taskRoleArn");
        Objects.requireNonNull(executionRoleArn, "executionRoleArn");
        Objects.requireNonNull(networkMode, "networkMode");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(pidMode, "pidMode");
        Objects.requireNonNull(ipcMode, "ipcMode");
        Objects.requireNonNull(runtimePlatform, "runtimePlatform");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(deregisteredAt, "deregisteredAt");
        Objects.requireNonNull(registeredBy, "registeredBy");
        containerDefinitions = List.copyOf(containerDefinitions);
        volumes = List.copyOf(volumes);
        placementConstraints = List.copyOf(placementConstraints);
        requiresCompatibilities = List.copyOf(requiresCompatibilities);
        compatibilities = List.copyOf(compatibilities);
        requiresAttributes = List.copyOf(requiresAttributes);
        tags = berth.ecs.core.OrderedMaps.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.taskDefinition(scope(), family, revision);
    }

    /** {@code family:revision}, the short form requests use. */
    public String familyAndRevision() {
        return family + ":" + revision;
    }

    public boolean active() {
        return status == TaskDefinitionStatus.ACTIVE;
    }

    public NetworkMode effectiveNetworkMode() {
        return NetworkMode.of(networkMode).orElse(NetworkMode.BRIDGE);
    }

    public boolean requiresFargate() {
        return requiresCompatibilities.contains(FARGATE);
    }

    public boolean compatibleWith(String launchType) {
        return compatibilities.contains(launchType);
    }

    public Optional<ContainerDefinition> container(String name) {
        return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Instant> deregistered() {
        return deregisteredAt.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(deregisteredAt);
    }

    /** The CPU units placement takes from an instance for one task of this definition. */
    public int placementCpuUnits() {
        return TaskRequirements.placementCpuUnits(cpuUnits,
                containerDefinitions.stream().map(ContainerDefinition::cpu).toList());
    }

    /** The memory (MiB) placement takes from an instance for one task of this definition. */
    public int placementMemoryMiB() {
        List<ContainerMemory> memories = containerDefinitions.stream().map(ContainerDefinition::memory).toList();
        return TaskRequirements.placementMemoryMiB(memoryMiB, memories);
    }

    /**
     * The host ports one task of this definition reserves on an instance: fixed host ports of
     * bridge-mode mappings and every container port in host mode. Dynamic ports and awsvpc tasks
     * (each has its own network namespace) reserve none.
     */
    public HostPorts reservedHostPorts() {
        NetworkMode mode = effectiveNetworkMode();
        if (mode != NetworkMode.BRIDGE && mode != NetworkMode.HOST) {
            return HostPorts.none();
        }
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        for (ContainerDefinition container : containerDefinitions) {
            for (PortMapping mapping : container.portMappings()) {
                if (mapping.fixedHostPort()) {
                    (mapping.udp() ? udp : tcp).add(mapping.hostPort());
                }
            }
        }
        return new HostPorts(tcp, udp);
    }

    /**
     * What placement needs for one EC2 task of this definition in {@code group}: sizes, fixed host
     * ports and required attributes. Placement constraints of the definition are not included; the
     * caller compiles them together with the request's own.
     */
    public TaskRequirements requirements(String group) {
        List<RequiredAttribute> required = new ArrayList<>();
        for (String attribute : requiresAttributes) {
            required.add(RequiredAttribute.named(attribute));
        }
        return TaskRequirements.ec2(family, placementCpuUnits(), placementMemoryMiB())
                .withGroup(group)
                .withHostPorts(reservedHostPorts())
                .withRequiredAttributes(required);
    }

    public TaskDefinition withRevision(int newRevision) {
        return new TaskDefinition(accountId, region, family, newRevision, status, taskRoleArn, executionRoleArn,
                networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities,
                compatibilities, requiresAttributes, cpu, memory, cpuUnits, memoryMiB, pidMode, ipcMode,
                ephemeralStorageGiB, runtimePlatform, tags, registeredAt, deregisteredAt, registeredBy);
    }

    /** This revision moved to {@code newStatus} at {@code at}; leaving ACTIVE records when. */
    public TaskDefinition withStatus(TaskDefinitionStatus newStatus, Instant at) {
        Instant deregistered = status == TaskDefinitionStatus.ACTIVE && newStatus != TaskDefinitionStatus.ACTIVE
                ? at : deregisteredAt;
        return new TaskDefinition(accountId, region, family, revision, newStatus, taskRoleArn, executionRoleArn,
                networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities,
                compatibilities, requiresAttributes, cpu, memory, cpuUnits, memoryMiB, pidMode, ipcMode,
                ephemeralStorageGiB, runtimePlatform, tags, registeredAt, deregistered, registeredBy);
    }

    public TaskDefinition withTags(Map<String, String> newTags) {
        return new TaskDefinition(accountId, region, family, revision, status, taskRoleArn, executionRoleArn,
                networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities,
                compatibilities, requiresAttributes, cpu, memory, cpuUnits, memoryMiB, pidMode, ipcMode,
                ephemeralStorageGiB, runtimePlatform, newTags, registeredAt, deregisteredAt, registeredBy);
    }

    /**
     * This revision as one task runs it, after RunTask's overrides: containers, task-level sizes (wire
     * text and numbers), roles and ephemeral storage replaced; identity and everything else kept.
     */
    public TaskDefinition asOverridden(List<ContainerDefinition> containers, String cpuText, String memoryText,
                                       int cpu, int memory, String taskRole, String executionRole,
                                       int ephemeralStorage) {
        return new TaskDefinition(accountId, region, family, revision, status, taskRole, executionRole,
                networkMode, containers, volumes, placementConstraints, requiresCompatibilities,
                compatibilities, requiresAttributes, cpuText, memoryText, cpu, memory, pidMode, ipcMode,
                ephemeralStorage, runtimePlatform, tags, registeredAt, deregisteredAt, registeredBy);
    }

    /** This definition as registration completed it: sizes, containers, compatibilities and attributes. */
    TaskDefinition completed(String cpuText, String memoryText, int cpu, int memory,
                             List<ContainerDefinition> containers, List<String> compatible, List<String> attributes) {
        return new TaskDefinition(accountId, region, family, revision, status, taskRoleArn, executionRoleArn,
                networkMode, containers, volumes, placementConstraints, requiresCompatibilities,
                compatible, attributes, cpuText, memoryText, cpu, memory, pidMode, ipcMode,
                ephemeralStorageGiB, runtimePlatform, tags, registeredAt, deregisteredAt, registeredBy);
    }
}
