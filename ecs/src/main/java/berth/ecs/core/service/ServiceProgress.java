package berth.ecs.core.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the service scheduler remembers between passes: the tasks whose targets it is draining before
 * it stops them, the stopped tasks it has already counted, the run of failed starts that backs off
 * new starts, whether the service was last steady, and the last deployment that COMPLETED (where a
 * circuit breaker rolls back to).
 */
public record ServiceProgress(Set<String> drainingTaskIds, Set<String> countedStoppedTaskIds,
                              int consecutiveFailures, Instant lastFailureAt, boolean steady,
                              String lastCompletedDeploymentId, String lastCompletedTaskDefinitionArn) {
    public ServiceProgress {
        drainingTaskIds = Set.copyOf(drainingTaskIds);
        countedStoppedTaskIds = Set.copyOf(countedStoppedTaskIds);
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Objects.requireNonNull(lastCompletedDeploymentId, "lastCompletedDeploymentId");
        Objects.requireNonNull(lastCompletedTaskDefinitionArn, "lastCompletedTaskDefinitionArn");
    }

    public static ServiceProgress initial() {
        return new ServiceProgress(Set.of(), Set.of(), 0, Instant.EPOCH, false, "", "");
    }
}
