package berth.apprunner.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a service's running operation ends, from what its ECS service and target group show: a
 * deployment ends when the service's only deployment runs the task definition the operation
 * deployed, with every wanted task running and as many targets healthy at the load balancer (a
 * pause: no task running); it fails when ECS's circuit breaker failed the rollout, or when it
 * has not ended within the deadline. A failed create leaves the service CREATE_FAILED; another
 * failed operation leaves it RUNNING on what it ran before (ECS rolls back).
 */
public final class ServiceProgress {
    private ServiceProgress() {}

    /**
     * What the ECS service shows: how many deployments it has, whether the primary one runs the
     * deployed task definition, the rollout state of the deployment that does (empty when none
     * does, as after a rollback), and the running and desired counts of the service.
     */
    public record Observed(int deployments, boolean primaryIsDeployed, String deployedRollout, int runningCount,
                           int desiredCount, int healthyTargets) {}

    /** The end of an operation: its final status and the service's. */
    public record End(String operationStatus, String serviceStatus) {}

    public static Optional<End> decide(Operation op, Observed ecs, Instant now, Duration deadline) {
        boolean settled = ecs.deployments() == 1 && ecs.primaryIsDeployed() && ecs.runningCount() == ecs.desiredCount()
                && ecs.healthyTargets() >= ecs.desiredCount();
        if (op.type().equals("PAUSE_SERVICE")) {
            if (ecs.desiredCount() == 0 && ecs.runningCount() == 0) return Optional.of(new End("SUCCEEDED", "PAUSED"));
        } else if (settled && ecs.desiredCount() > 0 && "COMPLETED".equals(ecs.deployedRollout())) {
            return Optional.of(new End("SUCCEEDED", "RUNNING"));
        }
        boolean failed = "FAILED".equals(ecs.deployedRollout()) || (!ecs.primaryIsDeployed() && ecs.deployments() == 1
                && ecs.deployedRollout().isEmpty());
        boolean late = Duration.between(op.startedAt(), now).compareTo(deadline) > 0;
        if (failed || late) {
            return Optional.of(new End("FAILED", op.type().equals("CREATE_SERVICE") ? "CREATE_FAILED" : "RUNNING"));
        }
        return Optional.empty();
    }
}
