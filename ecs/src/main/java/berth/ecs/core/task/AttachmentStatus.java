package berth.ecs.core.task;

/** The statuses of a task's elastic network interface attachment, in the only order it moves through them. */
public enum AttachmentStatus {
    PRECREATED,
    ATTACHING,
    ATTACHED,
    DETACHING,
    DETACHED,
    DELETED;

    public boolean mayMoveTo(AttachmentStatus next) {
        return next.ordinal() >= ordinal();
    }
}
