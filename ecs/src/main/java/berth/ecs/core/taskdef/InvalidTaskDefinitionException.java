package berth.ecs.core.taskdef;

/**
 * A task definition ECS would refuse, with the error family ECS answers it with and ECS's message.
 * The API layer renders {@link Kind#CLIENT} as {@code ClientException} and
 * {@link Kind#INVALID_PARAMETER} as {@code InvalidParameterException}.
 */
public final class InvalidTaskDefinitionException extends RuntimeException {

    public enum Kind { CLIENT, INVALID_PARAMETER }

    private final Kind kind;

    public InvalidTaskDefinitionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static InvalidTaskDefinitionException client(String message) {
        return new InvalidTaskDefinitionException(Kind.CLIENT, message);
    }

    public static InvalidTaskDefinitionException invalidParameter(String message) {
        return new InvalidTaskDefinitionException(Kind.INVALID_PARAMETER, message);
    }

    public Kind kind() {
        return kind;
    }
}
