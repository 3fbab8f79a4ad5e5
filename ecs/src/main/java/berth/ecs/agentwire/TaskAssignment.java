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
 */
public record TaskAssignment(String taskArn, String clusterArn, String containerInstanceArn, String launchType,
                             String desiredStatus, String lastStatus, TaskDefinition taskDefinition,
                             String group, String startedBy, Instant createdAt, int stopTimeoutSeconds,
                             Map<String, String> environment) {
    public TaskAssignment {
        environment = Map.copyOf(environment);
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
