package berth.agentwire;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task an instance must run (desiredStatus RUNNING) or stop (STOPPED), with what the agent needs
 * of its task definition, RunTask's overrides already applied.
 *
 * @param containerInstanceArn the instance the control plane placed the task on; empty for Fargate tasks
 * @param launchType {@code EC2}, {@code FARGATE} or {@code EXTERNAL}
 * @param lastStatus what the control plane last recorded for the task (PROVISIONING, PENDING, RUNNING, ...)
 * @param createdAt when RunTask created the task
 * @param family the task definition's family
 * @param revision the task definition's revision
 * @param networkMode {@code bridge}, {@code host}, {@code awsvpc} or {@code none}: the definition's mode,
 *     {@code bridge} when it names none
 * @param pidMode {@code host}, {@code task} or empty (the container's own namespace)
 * @param ipcMode {@code host}, {@code task}, {@code none} or empty (the engine's default)
 * @param cpuUnits the task-level CPU size in CPU units, 0 when the task has none
 * @param memoryMiB the task-level memory size, 0 when the task has none
 * @param containers the task's containers, in definition order
 * @param volumes the task's volumes, which containers mount by name
 * @param stopTimeoutSeconds default stop timeout for containers that set none (ECS_CONTAINER_STOP_TIMEOUT, 30)
 * @param environment extra variables every container of the task gets (AWS_REGION, ...), empty when none
 * @param taskRoleCredentials the task role's credentials, {@link RoleCredentials#NONE} when the task has no
 *     role or is to stop
 * @param executionRoleCredentials the execution role's credentials, with which the agent pulls from berth's
 *     registry, ships awslogs and reads secrets; {@link RoleCredentials#NONE} when none
 */
public record AssignedTask(String taskArn, String clusterArn, String containerInstanceArn, String launchType,
                           String desiredStatus, String lastStatus, Instant createdAt,
                           String family, int revision, String networkMode, String pidMode, String ipcMode,
                           int cpuUnits, int memoryMiB, List<AssignedContainer> containers, List<TaskVolume> volumes,
                           int stopTimeoutSeconds, Map<String, String> environment,
                           RoleCredentials taskRoleCredentials, RoleCredentials executionRoleCredentials,
                           String subnetId, String subnetCidr) {
    public static final String FARGATE = "FARGATE";
    public static final String BRIDGE = "bridge";
    public static final String HOST = "host";
    public static final String AWSVPC = "awsvpc";
    public static final String NONE = "none";
    /** The {@code pidMode}/{@code ipcMode} of a namespace all containers of the task share. */
    public static final String TASK_NAMESPACE = "task";

    public AssignedTask {
        Objects.requireNonNull(taskArn, "taskArn");
        clusterArn = WireValues.text(clusterArn);
        containerInstanceArn = WireValues.text(containerInstanceArn);
        launchType = WireValues.text(launchType);
        desiredStatus = WireValues.text(desiredStatus);
        lastStatus = WireValues.text(lastStatus);
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
        family = WireValues.text(family);
        networkMode = networkMode == null || networkMode.isEmpty() ? BRIDGE : networkMode;
        pidMode = WireValues.text(pidMode);
        ipcMode = WireValues.text(ipcMode);
        containers = WireValues.list(containers);
        volumes = WireValues.list(volumes);
        environment = WireValues.map(environment);
        taskRoleCredentials = taskRoleCredentials == null ? RoleCredentials.NONE : taskRoleCredentials;
        executionRoleCredentials = executionRoleCredentials == null ? RoleCredentials.NONE : executionRoleCredentials;
        subnetId = WireValues.text(subnetId);
        subnetCidr = WireValues.text(subnetCidr);
    }

    /** An assignment whose task has no subnet of its own (protocol 1.1's fields). */
    public AssignedTask(String taskArn, String clusterArn, String containerInstanceArn, String launchType,
                        String desiredStatus, String lastStatus, Instant createdAt,
                        String family, int revision, String networkMode, String pidMode, String ipcMode,
                        int cpuUnits, int memoryMiB, List<AssignedContainer> containers, List<TaskVolume> volumes,
                        int stopTimeoutSeconds, Map<String, String> environment,
                        RoleCredentials taskRoleCredentials, RoleCredentials executionRoleCredentials) {
        this(taskArn, clusterArn, containerInstanceArn, launchType, desiredStatus, lastStatus, createdAt, family,
                revision, networkMode, pidMode, ipcMode, cpuUnits, memoryMiB, containers, volumes, stopTimeoutSeconds,
                environment, taskRoleCredentials, executionRoleCredentials, "", "");
    }

    /** The last part of the task ARN. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public Optional<AssignedContainer> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<TaskVolume> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
