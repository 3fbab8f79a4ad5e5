package berth.agent.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task state change for SubmitTaskStateChange, with every container of the task.
 *
 * @param reason the task's stoppedReason when the agent stopped it, else empty
 */
public record TaskReport(String cluster, String taskArn, TaskStatus status, String reason,
                         List<ContainerReport> containers, Optional<Instant> pullStartedAt,
                         Optional<Instant> pullStoppedAt, Optional<Instant> executionStoppedAt) {

    public TaskReport {
        containers = List.copyOf(containers);
    }
}
