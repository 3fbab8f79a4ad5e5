package berth.ecs.core.placement;

import java.util.Objects;

/** A binding rule on where a task may go; unlike strategies, an unmet constraint blocks placement. */
public sealed interface PlacementConstraint {

    /** Each task of the group on a different container instance. */
    record DistinctInstance() implements PlacementConstraint {}

    /** Only instances the cluster query {@code expression} selects. */
    record MemberOf(String expression) implements PlacementConstraint {
        public MemberOf {
            Objects.requireNonNull(expression, "expression");
        }

        public ClusterQuery query() {
            return ClusterQuery.parse(expression);
        }
    }

    /**
     * Reads a constraint as the API carries it ({@code type}, {@code expression}; "" for none).
     * Throws {@link InvalidPlacementException} (or its query syntax subtype) for what ECS refuses.
     */
    static PlacementConstraint of(String type, String expression) {
        return switch (type) {
            case "distinctInstance" -> {
                if (!expression.isEmpty()) {
                    throw new InvalidPlacementException(
                            "An expression cannot be specified for a distinctInstance placement constraint.");
                }
                yield new DistinctInstance();
            }
            case "memberOf" -> {
                if (expression.isBlank()) {
                    throw new InvalidPlacementException(
                            "An expression is required for a memberOf placement constraint.");
                }
                ClusterQuery.parse(expression);
                yield new MemberOf(expression);
            }
            default -> throw new InvalidPlacementException("Invalid placement constraint type '" + type
                    + "': valid values are distinctInstance and memberOf.");
        };
    }
}
