package berth.ecs.core.placement;

/**
 * A placement parameter that ECS would refuse: an unknown strategy type or field, a constraint
 * of the wrong shape, or a cluster query that does not parse. The API layer answers it as
 * {@code InvalidParameterException} with this message.
 */
public class InvalidPlacementException extends RuntimeException {
    public InvalidPlacementException(String message) {
        super(message);
    }
}
