package berth.ecs.core.task;

/**
 * ECS's task lifecycle, in the only order a task moves through it: a task's {@code lastStatus}
 * never goes back to an earlier state. Tasks without an awsvpc attachment skip ACTIVATING,
 * DEACTIVATING and DEPROVISIONING; any task may skip ahead (a task that fails to start goes from
 * PENDING to STOPPED). {@code desiredStatus} is RUNNING or STOPPED.
 */
public enum TaskStatus {
    PROVISIONING,
    PENDING,
    ACTIVATING,
    RUNNING,
    DEACTIVATING,
    STOPPING,
    DEPROVISIONING,
    STOPPED;

    /** True when a task in this status may move to {@code next} (same status or later). */
    public boolean mayMoveTo(TaskStatus next) {
        return next.ordinal() >= ordinal();
    }

    public boolean before(TaskStatus other) {
        return ordinal() < other.ordinal();
    }

    /** PROVISIONING, PENDING and ACTIVATING: the statuses the pending counts of clusters and instances count. */
    public boolean pending() {
        return this == PROVISIONING || this == PENDING || this == ACTIVATING;
    }

    /** The status a {@code desiredStatus} filter or an agent report names; empty-handed callers get an exception. */
    public static TaskStatus of(String name) {
        return valueOf(name);
    }
}
