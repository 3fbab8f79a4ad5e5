package berth.ecs.core.task;

import java.util.List;
import java.util.Objects;

/**
 * RunTask's and StartTask's {@code overrides}, as requested: per-container overrides, task-level
 * {@code cpu} and {@code memory} in the task definition's notation, the task and execution roles, and
 * Fargate ephemeral storage. Empty text and {@code ephemeralStorageGiB} 0 mean "not overridden".
 */
public record TaskOverrides(List<ContainerOverride> containerOverrides, String cpu, String memory,
                            String taskRoleArn, String executionRoleArn, int ephemeralStorageGiB) {
    public TaskOverrides {
        containerOverrides = List.copyOf(containerOverrides);
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(taskRoleArn, "taskRoleArn");
        Objects.requireNonNull(executionRoleArn, "executionRoleArn");
    }

    public static TaskOverrides none() {
        return new TaskOverrides(List.of(), "", "", "", "", 0);
    }

    public boolean isEmpty() {
        return equals(none());
    }
}
