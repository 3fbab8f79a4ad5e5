package berth.ecs.core.taskdef;

import java.util.Objects;

/** A placement constraint in a task definition: type {@code memberOf} with a cluster query expression. */
public record TaskPlacementConstraint(String type, String expression) {
    public static final String MEMBER_OF = "memberOf";

    public TaskPlacementConstraint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expression, "expression");
    }
}
