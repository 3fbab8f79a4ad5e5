package berth.ecs.core.placement;

import java.util.List;
import java.util.Objects;

/** Why a task could not be placed. */
public sealed interface PlacementFailure {

    /**
     * The cluster has no ACTIVE container instance for the task's launch type. RunTask answers
     * this with an InvalidParameterException carrying {@link #MESSAGE}, not with {@code failures}.
     */
    record NoContainerInstances() implements PlacementFailure {
        public static final String MESSAGE = "No Container Instances were found in your cluster.";

        public String message() {
            return MESSAGE;
        }
    }

    /**
     * Every candidate instance was rejected. {@code closest} is the one ECS reports: the instance
     * that passed the most checks (see {@link RejectionReason}), the first in snapshot order among
     * equals. {@code rejections} has every candidate's rejection, in snapshot order.
     */
    record Rejected(InstanceRejection closest, List<InstanceRejection> rejections) implements PlacementFailure {
        public Rejected {
            Objects.requireNonNull(closest, "closest");
            rejections = List.copyOf(rejections);
        }
    }
}
