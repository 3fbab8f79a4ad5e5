package berth.ecs.core.task;

/** The statuses ECS reports for one container of a task, in the only order a container moves through them. */
public enum ContainerStatus {
    PENDING,
    RUNNING,
    STOPPED;

    public boolean mayMoveTo(ContainerStatus next) {
        return next.ordinal() >= ordinal();
    }
}
