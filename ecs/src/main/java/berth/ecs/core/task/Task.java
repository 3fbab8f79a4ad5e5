package berth.ecs.core.task;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.core.LaunchType;
import berth.ecs.core.OrderedMaps;
import berth.ecs.core.taskdef.NetworkMode;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task, as stored (kind {@code ecs.task}, key {@code account/region/cluster/id}).
 *
 * <p>{@code definition} is the task definition the task runs, RunTask's overrides applied;
 * {@code taskDefinitionArn} names the registered revision. {@code containerInstanceArn} is empty for
 * Fargate tasks. {@code reservation} is what the task holds on its instance until STOPPED.
 * {@code capacityProviderName}, {@code platformVersion}, {@code stopCode}, {@code stoppedReason},
 * {@code startedBy} and {@code clientToken} are empty when unset; {@code connectivity} is empty until
 * the agent first reports the task, then CONNECTED. {@code version} is ECS's task version: 1 when
 * created, one more with every change.
 */
public record Task(String accountId, String region, String cluster, String id, String taskDefinitionArn,
                   TaskDefinition definition, String containerInstanceArn, LaunchType launchType,
                   String capacityProviderName, String platformVersion, String availabilityZone,
                   TaskReservation reservation, TaskStatus desiredStatus, TaskStatus lastStatus,
                   String healthStatus, String connectivity, String stopCode, String stoppedReason,
                   List<TaskContainer> containers, List<NetworkInterfaceAttachment> attachments, String group,
                   String startedBy, Map<String, String> tags, TaskOverrides overrides, String clientToken,
                   boolean enableExecuteCommand, TaskTimes times, long version) {

    public static final String CONNECTED = "CONNECTED";

    public Task {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        Objects.requireNonNull(launchType, "launchType");
        Objects.requireNonNull(capacityProviderName, "capacityProviderName");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(healthStatus, "healthStatus");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(stoppedReason, "stoppedReason");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(clientToken, "clientToken");
        Objects.requireNonNull(times, "times");
        containers = List.copyOf(containers);
        attachments = List.copyOf(attachments);
        tags = OrderedMaps.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return EcsArns.task(scope(), cluster, id);
    }

    public String clusterArn() {
        return EcsArns.cluster(scope(), cluster);
    }

    /** The store key of this task: {@code account/region/cluster/id}. */
    public String key() {
        return scope().key(cluster + "/" + id);
    }

    public boolean stopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    public boolean onInstance() {
        return !containerInstanceArn.isEmpty();
    }

    /**
     * An EC2 task of a capacity provider strategy that waits in PROVISIONING for an instance with room,
     * as ECS holds tasks until managed scaling brings capacity.
     */
    public boolean awaitingCapacity() {
        return launchType == LaunchType.EC2 && containerInstanceArn.isEmpty();
    }

    /** This waiting task placed on an instance: its zone and what it holds there; one more version. */
    public Task placedOn(String instanceArn, String zone, TaskReservation held) {
        return new Task(accountId, region, cluster, id, taskDefinitionArn, definition, instanceArn, launchType,
                capacityProviderName, platformVersion, zone, held, desiredStatus, lastStatus, healthStatus, connectivity,
                stopCode, stoppedReason, containers, attachments, group, startedBy, tags, overrides, clientToken,
                enableExecuteCommand, times, version + 1);
    }

    public boolean awsvpc() {
        return definition.effectiveNetworkMode() == NetworkMode.AWSVPC;
    }

    public Optional<NetworkInterfaceAttachment> networkInterface() {
        return attachments.stream().findFirst();
    }

    public Optional<TaskContainer> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public String family() {
        return definition.family();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy of a task with some fields changed; {@link #build()} counts the change in {@code version}. */
    public static final class Builder {
        private final Task base;
        private TaskStatus desiredStatus;
        private TaskStatus lastStatus;
        private String healthStatus;
        private String connectivity;
        private String stopCode;
        private String stoppedReason;
        private List<TaskContainer> containers;
        private List<NetworkInterfaceAttachment> attachments;
        private Map<String, String> tags;
        private TaskTimes times;

        private Builder(Task task) {
            base = task;
            desiredStatus = task.desiredStatus;
            lastStatus = task.lastStatus;
            healthStatus = task.healthStatus;
            connectivity = task.connectivity;
            stopCode = task.stopCode;
            stoppedReason = task.stoppedReason;
            containers = task.containers;
            attachments = task.attachments;
            tags = task.tags;
            times = task.times;
        }

        public Builder desiredStatus(TaskStatus v) { desiredStatus = v; return this; }
        public Builder lastStatus(TaskStatus v) { lastStatus = v; return this; }
        public Builder healthStatus(String v) { healthStatus = v; return this; }
        public Builder connectivity(String v) { connectivity = v; return this; }
        public Builder stopCode(String v) { stopCode = v; return this; }
        public Builder stoppedReason(String v) { stoppedReason = v; return this; }
        public Builder containers(List<TaskContainer> v) { containers = v; return this; }
        public Builder attachments(List<NetworkInterfaceAttachment> v) { attachments = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder times(TaskTimes v) { times = v; return this; }

        public TaskStatus lastStatus() { return lastStatus; }
        public TaskStatus desiredStatus() { return desiredStatus; }
        public List<TaskContainer> containers() { return containers; }
        public List<NetworkInterfaceAttachment> attachments() { return attachments; }
        public TaskTimes times() { return times; }
        public String stopCode() { return stopCode; }

        /** The changed task; its {@code version} is one more than before when anything changed. */
        public Task build() {
            Task t = base;
            Task changed = new Task(t.accountId, t.region, t.cluster, t.id, t.taskDefinitionArn, t.definition,
                    t.containerInstanceArn, t.launchType, t.capacityProviderName, t.platformVersion, t.availabilityZone,
                    t.reservation, desiredStatus, lastStatus, healthStatus, connectivity, stopCode, stoppedReason,
                    containers, attachments, t.group, t.startedBy, tags, t.overrides, t.clientToken,
                    t.enableExecuteCommand, times, t.version);
            if (changed.equals(t)) {
                return t;
            }
            return new Task(t.accountId, t.region, t.cluster, t.id, t.taskDefinitionArn, t.definition,
                    t.containerInstanceArn, t.launchType, t.capacityProviderName, t.platformVersion, t.availabilityZone,
                    t.reservation, desiredStatus, lastStatus, healthStatus, connectivity, stopCode, stoppedReason,
                    containers, attachments, t.group, t.startedBy, tags, t.overrides, t.clientToken,
                    t.enableExecuteCommand, times, t.version + 1);
        }
    }
}
