package berth.ecs.core.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an agent reported of a task with SubmitTaskStateChange: the status it reached (PENDING,
 * RUNNING or STOPPED), its reason (empty when none), its containers, and the moments it measured
 * ({@link TaskTimes#UNSET} when not reported).
 */
public record TaskReport(TaskStatus status, String reason, List<ContainerReport> containers, Instant pullStartedAt,
                         Instant pullStoppedAt, Instant executionStoppedAt) {
    public TaskReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(pullStartedAt, "pullStartedAt");
        Objects.requireNonNull(pullStoppedAt, "pullStoppedAt");
        Objects.requireNonNull(executionStoppedAt, "executionStoppedAt");
        containers = List.copyOf(containers);
        if (status != TaskStatus.PENDING && status != TaskStatus.RUNNING && status != TaskStatus.STOPPED) {
            throw new IllegalArgumentException("agents report PENDING, RUNNING or STOPPED, not " + status);
        }
    }
}
