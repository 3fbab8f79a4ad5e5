package berth.ecs.core.task;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.core.LaunchType;
import berth.ecs.core.OrderedMaps;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Everything the tasks of one RunTask or StartTask share: where they run, the definition they run
 * (overrides applied), how they are grouped and tagged. {@code subnets} are those of the request's
 * awsvpc configuration (empty for other network modes); each task's interface goes in the first.
 */
public record TaskLaunch(String accountId, String region, String cluster, String taskDefinitionArn,
                         TaskDefinition definition, LaunchType launchType, String capacityProviderName,
                         String platformVersion, String group, String startedBy, Map<String, String> tags,
                         TaskOverrides overrides, String clientToken, boolean enableExecuteCommand,
                         List<String> subnets) {
    public TaskLaunch {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(launchType, "launchType");
        Objects.requireNonNull(capacityProviderName, "capacityProviderName");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(clientToken, "clientToken");
        tags = OrderedMaps.copyOf(tags);
        subnets = List.copyOf(subnets);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** This launch for tasks that go to capacity provider {@code name} (one request may spread over several). */
    public TaskLaunch withCapacityProvider(String name) {
        return new TaskLaunch(accountId, region, cluster, taskDefinitionArn, definition, launchType, name,
                platformVersion, group, startedBy, tags, overrides, clientToken, enableExecuteCommand, subnets);
    }

    /**
     * A new task of this launch, PROVISIONING, desired RUNNING, on {@code containerInstanceArn} (empty
     * for Fargate) holding {@code reservation}; ids come from {@code random}.
     */
    public Task newTask(String containerInstanceArn, String availabilityZone, TaskReservation reservation,
                        RandomGenerator random, Instant now) {
        String id = hex(random, 16);
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            containers.add(new TaskContainer(c.name(),
                    EcsArns.container(scope(), cluster, id, uuid(random)), c.image(), "", "",
                    ContainerStatus.PENDING, false, 0, "", List.of(), "", TaskHealth.UNKNOWN, c.essential(), c.cpu(),
                    c.memoryMiB(), c.memoryReservationMiB()));
        }
        List<NetworkInterfaceAttachment> attachments = new ArrayList<>();
        if (!subnets.isEmpty()) {
            attachments.add(new NetworkInterfaceAttachment(uuid(random), AttachmentStatus.PRECREATED, subnets.get(0),
                    "eni-" + hex(random, 9).substring(0, 17), "", ""));
        }
        return new Task(accountId, region, cluster, id, taskDefinitionArn, definition, containerInstanceArn,
                launchType, capacityProviderName, platformVersion, availabilityZone, reservation, TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, TaskHealth.UNKNOWN, "", "", "", containers, attachments, group, startedBy,
                tags, overrides, clientToken, enableExecuteCommand, TaskTimes.created(now), 1);
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A random (version 4) UUID drawn from {@code random}. */
    static String uuid(RandomGenerator random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
