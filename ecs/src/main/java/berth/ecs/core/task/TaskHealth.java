package berth.ecs.core.task;

import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.List;

/**
 * A task's health as ECS derives it from its essential containers that have a health check:
 * UNHEALTHY when any of them is unhealthy, HEALTHY when all of them are healthy, UNKNOWN otherwise
 * (still being evaluated, or no essential container has a health check). Non-essential containers
 * never affect the task's health.
 */
public final class TaskHealth {
    public static final String HEALTHY = "HEALTHY";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String UNKNOWN = "UNKNOWN";

    private TaskHealth() {}

    public static String of(TaskDefinition definition, List<TaskContainer> containers) {
        boolean any = false;
        boolean allHealthy = true;
        for (TaskContainer container : containers) {
            ContainerDefinition defined = definition.container(container.name()).orElse(null);
            if (defined == null || !defined.essential() || !defined.hasHealthCheck()) {
                continue;
            }
            any = true;
            if (UNHEALTHY.equals(container.healthStatus())) {
                return UNHEALTHY;
            }
            allHealthy &= HEALTHY.equals(container.healthStatus());
        }
        return any && allHealthy ? HEALTHY : UNKNOWN;
    }

    /** A health status as Docker or an agent names it, in ECS's words; anything unrecognised is UNKNOWN. */
    public static String normalized(String reported) {
        return switch (reported.toUpperCase(java.util.Locale.ROOT)) {
            case HEALTHY -> HEALTHY;
            case UNHEALTHY -> UNHEALTHY;
            default -> UNKNOWN;
        };
    }
}
