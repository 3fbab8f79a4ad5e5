package berth.ecs.core.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One deployment of a service: the tasks of one task definition revision it rolls out.
 * {@code status} is PRIMARY (the one being rolled out), ACTIVE (older ones still running tasks) or
 * INACTIVE; {@code rolloutState} IN_PROGRESS, COMPLETED or FAILED. Tasks belong to the deployment
 * whose id is their {@code startedBy}.
 */
public record Deployment(String id, String status, String taskDefinitionArn, int desiredCount, int pendingCount,
                         int runningCount, int failedTasks, String rolloutState, String rolloutStateReason,
                         Instant createdAt, Instant updatedAt) {
    public static final String PRIMARY = "PRIMARY";
    public static final String ACTIVE = "ACTIVE";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(rolloutState, "rolloutState");
        Objects.requireNonNull(rolloutStateReason, "rolloutStateReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new PRIMARY deployment of {@code taskDefinitionArn}, IN_PROGRESS. */
    public static Deployment started(String id, String taskDefinitionArn, int desiredCount, Instant now) {
        return new Deployment(id, PRIMARY, taskDefinitionArn, desiredCount, 0, 0, 0, IN_PROGRESS,
                "ECS deployment " + id + " in progress.", now, now);
    }

    /**
     * ECS's deployment id for a number: {@code ecs-svc/} and 19 digits.
     */
    public static String idOf(long number) {
        return "ecs-svc/" + String.format("%019d", Math.floorMod(number, Long.MAX_VALUE));
    }

    public Deployment withStatus(String newStatus, Instant now) {
        return new Deployment(id, newStatus, taskDefinitionArn, desiredCount, pendingCount, runningCount, failedTasks,
                rolloutState, rolloutStateReason, createdAt, now);
    }

    public Deployment withRollout(String state, String reason, Instant now) {
        return new Deployment(id, status, taskDefinitionArn, desiredCount, pendingCount, runningCount, failedTasks,
                state, reason, createdAt, now);
    }

    public Deployment withCounts(int desired, int pending, int running, int failed, Instant now) {
        if (desired == desiredCount && pending == pendingCount && running == runningCount && failed == failedTasks) {
            return this;
        }
        return new Deployment(id, status, taskDefinitionArn, desired, pending, running, failed, rolloutState,
                rolloutStateReason, createdAt, now);
    }

    public boolean primary() {
        return status.equals(PRIMARY);
    }
}
