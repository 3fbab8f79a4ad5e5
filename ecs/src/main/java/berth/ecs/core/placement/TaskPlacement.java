package berth.ecs.core.placement;

import java.util.Objects;

/** The outcome for one task of a placement request. */
public sealed interface TaskPlacement {

    record Placed(String containerInstanceArn) implements TaskPlacement {
        public Placed {
            Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        }
    }

    record NotPlaced(PlacementFailure failure) implements TaskPlacement {
        public NotPlaced {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
