package berth.ecs.control;

import berth.agentwire.AgentProtocol;
import berth.ecs.core.task.ReconcileSettings;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limits of the task control loops, from the environment: {@code BERTH_ECS_AGENT_TIMEOUT_SECONDS}
 * (default {@link AgentProtocol#HEARTBEAT_TIMEOUT_SECONDS}), {@code BERTH_ECS_TASK_START_TIMEOUT_SECONDS}
 * (default 180) and {@code BERTH_ECS_STOPPED_TASK_RETENTION_SECONDS} (default 3600, never less than the
 * hour agents are promised to see stopped tasks, unless set lower explicitly).
 */
public final class EcsSettings {
    private static final Logger LOG = LoggerFactory.getLogger(EcsSettings.class);
    static final long DEFAULT_START_TIMEOUT_SECONDS = 180;
    static final long DEFAULT_RETENTION_SECONDS = 3600;

    private EcsSettings() {}

    public static ReconcileSettings fromEnvironment(Map<String, String> env) {
        return new ReconcileSettings(
                Duration.ofSeconds(seconds(env, "BERTH_ECS_AGENT_TIMEOUT_SECONDS",
                        AgentProtocol.HEARTBEAT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(seconds(env, "BERTH_ECS_TASK_START_TIMEOUT_SECONDS", DEFAULT_START_TIMEOUT_SECONDS)),
                Duration.ofSeconds(seconds(env, "BERTH_ECS_STOPPED_TASK_RETENTION_SECONDS",
                        DEFAULT_RETENTION_SECONDS)));
    }

    /** A positive number from the environment, or {@code fallback}. */
    public static long number(Map<String, String> env, String name, long fallback) {
        return seconds(env, name, fallback);
    }

    private static long seconds(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of seconds; using {}", name, value, fallback);
            return fallback;
        }
    }
}
