package berth.ecs.core.instance;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.TaskOnInstance;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container instance of a cluster, as stored.
 *
 * <p>{@code agentConnected} and {@code agentLastSeenAt} are the agent's liveness: registration sets
 * them, the agent's heartbeats (and the code that watches for missing ones) keep them current.
 * {@code remainingResources}, {@code runningTasksCount} and {@code pendingTasksCount} are kept by the
 * code that places and stops tasks. {@code attributes} are sorted by name, built-in ones included.
 * {@code statusReason}, {@code capacityProviderName} and {@code endpointAddress} are empty when unset.
 */
public record ContainerInstance(
        String accountId, String region, String cluster, String id, String ec2InstanceId,
        InstanceStatus status, String statusReason, boolean agentConnected, Instant agentLastSeenAt,
        VersionInfo versionInfo, InstanceResources registeredResources, InstanceResources remainingResources,
        List<InstanceAttribute> attributes, Instant registeredAt, int runningTasksCount, int pendingTasksCount,
        String capacityProviderName, Map<String, String> tags, String endpointAddress) {

    public ContainerInstance {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ec2InstanceId, "ec2InstanceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(agentLastSeenAt, "agentLastSeenAt");
        Objects.requireNonNull(versionInfo, "versionInfo");
        Objects.requireNonNull(registeredResources, "registeredResources");
        Objects.requireNonNull(remainingResources, "remainingResources");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(capacityProviderName, "capacityProviderName");
        Objects.requireNonNull(endpointAddress, "endpointAddress");
        attributes = attributes.stream().sorted(Comparator.comparing(InstanceAttribute::name)).toList();
        tags = berth.ecs.core.OrderedMaps.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.containerInstance(scope(), cluster, id);
    }

    /** The store key of this instance: {@code account/region/cluster/id}. */
    public String key() {
        return scope().key(cluster + "/" + id);
    }

    /** Registered in the cluster: every status except INACTIVE (deregistered). */
    public boolean registered() {
        return status != InstanceStatus.INACTIVE;
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(InstanceAttribute::value).findFirst();
    }

    public Map<String, String> attributeMap() {
        Map<String, String> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.name(), a.value()));
        return map;
    }

    /** How placement and cluster queries see this instance with {@code tasks} holding resources on it. */
    public InstanceSnapshot toSnapshot(List<TaskOnInstance> tasks) {
        return new InstanceSnapshot(arn(), ec2InstanceId, status, agentConnected, versionInfo.agentVersion(),
                registeredAt, registeredResources.cpu(), registeredResources.memoryMiB(), remainingResources.cpu(),
                remainingResources.memoryMiB(), remainingResources.ports(), attributeMap(), runningTasksCount,
                pendingTasksCount, tasks);
    }

    public ContainerInstance withStatus(InstanceStatus newStatus, String reason) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, newStatus, reason, agentConnected,
                agentLastSeenAt, versionInfo, registeredResources, remainingResources, attributes, registeredAt,
                runningTasksCount, pendingTasksCount, capacityProviderName, tags, endpointAddress);
    }

    /** This instance as its agent was last heard of: connected or not, at {@code seenAt}. */
    public ContainerInstance withAgent(boolean connected, Instant seenAt) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason, connected,
                seenAt, versionInfo, registeredResources, remainingResources, attributes, registeredAt,
                runningTasksCount, pendingTasksCount, capacityProviderName, tags, endpointAddress);
    }

    public ContainerInstance withAttributes(List<InstanceAttribute> newAttributes) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason,
                agentConnected, agentLastSeenAt, versionInfo, registeredResources, remainingResources, newAttributes,
                registeredAt, runningTasksCount, pendingTasksCount, capacityProviderName, tags, endpointAddress);
    }

    public ContainerInstance withTags(Map<String, String> newTags) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason,
                agentConnected, agentLastSeenAt, versionInfo, registeredResources, remainingResources, attributes,
                registeredAt, runningTasksCount, pendingTasksCount, capacityProviderName, newTags, endpointAddress);
    }

    /** This instance with the resources tasks left free, as the task code accounts them. */
    public ContainerInstance withRemaining(InstanceResources remaining) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason,
                agentConnected, agentLastSeenAt, versionInfo, registeredResources, remaining, attributes,
                registeredAt, runningTasksCount, pendingTasksCount, capacityProviderName, tags, endpointAddress);
    }

    /** This instance as one of a capacity provider's Auto Scaling group. */
    public ContainerInstance withCapacityProvider(String provider) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason,
                agentConnected, agentLastSeenAt, versionInfo, registeredResources, remainingResources, attributes,
                registeredAt, runningTasksCount, pendingTasksCount, provider, tags, endpointAddress);
    }

    /** This instance with the task counters DescribeContainerInstances reports. */
    public ContainerInstance withTaskCounts(int running, int pending) {
        return new ContainerInstance(accountId, region, cluster, id, ec2InstanceId, status, statusReason,
                agentConnected, agentLastSeenAt, versionInfo, registeredResources, remainingResources, attributes,
                registeredAt, running, pending, capacityProviderName, tags, endpointAddress);
    }

    /**
     * This instance registered again by its agent (RegisterContainerInstance with its ARN): new
     * resources, versions and built-in attributes, ACTIVE and connected; custom attributes, tags and the
     * resources held by tasks are kept.
     */
    public ContainerInstance reregistered(ContainerInstance fresh) {
        int heldCpu = registeredResources.cpu() - remainingResources.cpu();
        int heldMemory = registeredResources.memoryMiB() - remainingResources.memoryMiB();
        var heldPorts = new berth.ecs.core.HostPorts(
                minus(remainingResources.tcpPorts(), registeredResources.tcpPorts()),
                minus(remainingResources.udpPorts(), registeredResources.udpPorts()));
        InstanceResources remaining = fresh.registeredResources().minus(heldCpu, heldMemory, heldPorts);
        Map<String, InstanceAttribute> mergedAttributes = new LinkedHashMap<>();
        attributes.stream().filter(a -> !a.builtIn()).forEach(a -> mergedAttributes.put(a.name(), a));
        fresh.attributes().forEach(a -> mergedAttributes.put(a.name(), a));
        Map<String, String> mergedTags = new LinkedHashMap<>(tags);
        mergedTags.putAll(fresh.tags());
        return new ContainerInstance(accountId, region, cluster, id, fresh.ec2InstanceId(), InstanceStatus.ACTIVE, "",
                true, fresh.agentLastSeenAt(), fresh.versionInfo(), fresh.registeredResources(), remaining,
                List.copyOf(mergedAttributes.values()), registeredAt, runningTasksCount, pendingTasksCount, capacityProviderName,
                mergedTags, fresh.endpointAddress());
    }

    private static java.util.Set<Integer> minus(java.util.Set<Integer> all, java.util.Set<Integer> reserved) {
        java.util.Set<Integer> held = new java.util.HashSet<>(all);
        held.removeAll(reserved);
        return held;
    }
}
