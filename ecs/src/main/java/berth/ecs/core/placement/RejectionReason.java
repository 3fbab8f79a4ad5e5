package berth.ecs.core.placement;

/**
 * Why a container instance cannot take a task, with the exact reason string RunTask reports in
 * {@code failures[].reason}. Instances are checked in this order (agent, attributes, resources,
 * then constraints), and the instance that got furthest is the one ECS reports as the closest match.
 */
public enum RejectionReason {
    /** The instance's agent is disconnected. */
    AGENT("AGENT"),
    /** The instance lacks an attribute the task definition requires. */
    ATTRIBUTE("ATTRIBUTE"),
    CPU("RESOURCE:CPU"),
    MEMORY("RESOURCE:MEMORY"),
    /** A fixed host port the task needs is already reserved on the instance. */
    PORTS("RESOURCE:PORTS"),
    MEMBER_OF("MemberOf placement constraint unsatisfied."),
    DISTINCT_INSTANCE("DistinctInstance placement constraint unsatisfied.");

    private final String ecsReason;

    RejectionReason(String ecsReason) {
        this.ecsReason = ecsReason;
    }

    public String ecsReason() {
        return ecsReason;
    }
}
