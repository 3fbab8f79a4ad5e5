package berth.ecs.core.placement;

import java.util.Objects;

/** One container instance that cannot take the task, and why: a {@code failures[]} entry of RunTask. */
public record InstanceRejection(String containerInstanceArn, RejectionReason reason) {
    public InstanceRejection {
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        Objects.requireNonNull(reason, "reason");
    }

    /** The {@code failures[].reason} string. */
    public String ecsReason() {
        return reason.ecsReason();
    }
}
