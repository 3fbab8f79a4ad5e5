package berth.ecs.core.task;

import java.time.Instant;
import java.util.Objects;

/**
 * The moments of a task's life ECS reports; {@link Instant#EPOCH} means "not yet" (a task that was
 * never pulled has no {@code pullStartedAt}).
 */
public record TaskTimes(Instant createdAt, Instant connectivityAt, Instant pullStartedAt, Instant pullStoppedAt,
                        Instant startedAt, Instant stoppingAt, Instant executionStoppedAt, Instant stoppedAt) {
    public static final Instant UNSET = Instant.EPOCH;

    public TaskTimes {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(connectivityAt, "connectivityAt");
        Objects.requireNonNull(pullStartedAt, "pullStartedAt");
        Objects.requireNonNull(pullStoppedAt, "pullStoppedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stoppingAt, "stoppingAt");
        Objects.requireNonNull(executionStoppedAt, "executionStoppedAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }

    public static TaskTimes created(Instant at) {
        return new TaskTimes(at, UNSET, UNSET, UNSET, UNSET, UNSET, UNSET, UNSET);
    }

    public static boolean set(Instant moment) {
        return !UNSET.equals(moment);
    }

    public TaskTimes withConnectivityAt(Instant at) {
        return set(connectivityAt) ? this : new TaskTimes(createdAt, at, pullStartedAt, pullStoppedAt, startedAt,
                stoppingAt, executionStoppedAt, stoppedAt);
    }

    /** The pull window the agent reported; moments already known are kept. */
    public TaskTimes withPull(Instant started, Instant stopped) {
        return new TaskTimes(createdAt, connectivityAt, set(pullStartedAt) ? pullStartedAt : started,
                set(pullStoppedAt) ? pullStoppedAt : stopped, startedAt, stoppingAt, executionStoppedAt, stoppedAt);
    }

    public TaskTimes withStartedAt(Instant at) {
        return set(startedAt) ? this : new TaskTimes(createdAt, connectivityAt, pullStartedAt, pullStoppedAt, at,
                stoppingAt, executionStoppedAt, stoppedAt);
    }

    public TaskTimes withStoppingAt(Instant at) {
        return set(stoppingAt) ? this : new TaskTimes(createdAt, connectivityAt, pullStartedAt, pullStoppedAt,
                startedAt, at, executionStoppedAt, stoppedAt);
    }

    public TaskTimes withExecutionStoppedAt(Instant at) {
        return set(executionStoppedAt) ? this : new TaskTimes(createdAt, connectivityAt, pullStartedAt, pullStoppedAt,
                startedAt, stoppingAt, at, stoppedAt);
    }

    public TaskTimes withStoppedAt(Instant at) {
        return set(stoppedAt) ? this : new TaskTimes(createdAt, connectivityAt, pullStartedAt, pullStoppedAt,
                startedAt, stoppingAt, executionStoppedAt, at);
    }
}
