package berth.ecs.core.task;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of task reconciliation: an agent that has not polled for {@code agentTimeout} is
 * disconnected; a task still PROVISIONING or PENDING {@code startTimeout} after creation whose agent is
 * disconnected failed to start; a STOPPED task is forgotten {@code stoppedRetention} after it stopped.
 */
public record ReconcileSettings(Duration agentTimeout, Duration startTimeout, Duration stoppedRetention) {
    public ReconcileSettings {
        Objects.requireNonNull(agentTimeout, "agentTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stoppedRetention, "stoppedRetention");
    }
}
