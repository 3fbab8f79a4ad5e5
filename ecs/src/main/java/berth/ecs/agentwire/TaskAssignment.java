package berth.ecs.agentwire;

import berth.ecs.core.taskdef.TaskDefinition;

import java.time.Instant;
import java.util.Map;

/**
 * One task an instance must run (desiredStatus RUNNING) or stop (STOPPED).
 *
 * @param taskDefinition the task definition with RunTask's overrides already applied (command,
 *     environment, cpu, memory, ... of each container; task cpu/memory/roles)
 * @param lastStatus what the control plane last recorded for the task (PROVISIONING, PENDING, RUNNING, ...)
 * @param stopTimeoutSeconds default stop timeout for containers that set none (ECS_CONTAINER_STOP_TIMEOUT, 30)
 * @param environment extra variables every container of the task gets (metadata and credential
 *     endpoints, AWS_REGION, ...), empty when none
 * @param taskRoleCredentials the task role's credentials ({@code taskRoleArn}), {@link RoleCredentials#NONE}
 *     when the task has no role or is to stop
 * @param executionRoleCredentials the execution role's credentials ({@code executionRoleArn}), with which
 *     the agent pulls from berth's registry, ships awslogs and reads secrets; {@link RoleCredentials#NONE}
 *     when none
 */
public record TaskAssignment(String taskArn, String clusterArn, String containerInstanceArn, String launchType,
                             String desiredStatus, String lastStatus, TaskDefinition taskDefinition,
                             String group, String startedBy, Instant createdAt, int stopTimeoutSeconds,
                             Map<String, String> environment, RoleCredentials taskRoleCredentials,
                             RoleCredentials executionRoleCredentials) {
    public TaskAssignment {
        environment = Map.copyOf(environment);
        taskRoleCredentials = taskRoleCredentials == null ? RoleCredentials.NONE : taskRoleCredentials;
        executionRoleCredentials = executionRoleCredentials == null ? RoleCredentials.NONE : executionRoleCredentials;
    }

    /** An assignment without role credentials. */
    public TaskAssignment(String taskArn, String clusterArn, String containerInstanceArn, String launchType,
                          String desiredStatus, String lastStatus, TaskDefinition taskDefinition, String group,
                          String startedBy, Instant createdAt, int stopTimeoutSeconds, Map<String, String> environment) {
        this(taskArn, clusterArn, containerInstanceArn, launchType, desiredStatus, lastStatus, taskDefinition, group,
                startedBy, createdAt, stopTimeoutSeconds, environment, RoleCredentials.NONE, RoleCredentials.NONE);
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
