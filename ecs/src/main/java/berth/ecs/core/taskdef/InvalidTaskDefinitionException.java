package berth.ecs.core.taskdef;

/**
 * A task definition ECS would refuse, with the error code ECS answers it with ({@code ClientException}
 * or {@code InvalidParameterException}) and ECS's message.
 */
public final class InvalidTaskDefinitionException extends RuntimeException {

    /** The error families of a refused task definition, each with the code ECS answers it with. */
    public enum Kind {
        CLIENT("ClientException"),
        INVALID_PARAMETER("InvalidParameterException");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

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

    /** The error code ECS answers this refusal with. */
    public String code() {
        return kind.code();
    }
}
