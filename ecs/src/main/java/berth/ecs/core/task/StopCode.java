package berth.ecs.core.task;

/** Why a task stopped, as ECS's {@code stopCode} names it. */
public enum StopCode {
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice;

    /** ECS's {@code stoppedReason} when a user stops a task without giving a reason. */
    public static final String STOPPED_BY_USER = "Task stopped by user";
    public static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";

    /** The reason ECS gives for tasks whose container instance went away: the EC2 host was terminated. */
    public static String hostTerminated(String ec2InstanceId) {
        return hostStopped(ec2InstanceId);
    }

    /** The reason ECS gives for the tasks of a stopped or terminated EC2 host (one wording for both). */
    public static String hostStopped(String ec2InstanceId) {
        return "Host EC2 (instance " + ec2InstanceId + ") stopped/terminated.";
    }
}
