package berth.ecs.core.taskdef;

import java.util.List;

/**
 * A container health check with ECS's defaults applied: {@code command} starts with {@code CMD}
 * or {@code CMD-SHELL}; interval 30 s, timeout 5 s, 3 retries and no start period unless set.
 */
public record HealthCheck(List<String> command, int intervalSeconds, int timeoutSeconds, int retries,
                          int startPeriodSeconds) {
    public static final int DEFAULT_INTERVAL = 30;
    public static final int DEFAULT_TIMEOUT = 5;
    public static final int DEFAULT_RETRIES = 3;

    public HealthCheck {
        command = List.copyOf(command);
    }
}
