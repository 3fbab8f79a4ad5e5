package berth.ecs.core.task;

/**
 * A RunTask or StartTask request ECS would refuse, with the error code ECS answers it with and ECS's
 * message: {@code ClientException}, {@code InvalidParameterException} or
 * {@code PlatformUnknownException}.
 */
public final class TaskLaunchRejected extends RuntimeException {

    /** The error families of a refused launch, each with the code ECS answers it with. */
    public enum Kind {
        CLIENT("ClientException"),
        INVALID_PARAMETER("InvalidParameterException"),
        PLATFORM_UNKNOWN("PlatformUnknownException");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public TaskLaunchRejected(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static TaskLaunchRejected client(String message) {
        return new TaskLaunchRejected(Kind.CLIENT, message);
    }

    public static TaskLaunchRejected invalidParameter(String message) {
        return new TaskLaunchRejected(Kind.INVALID_PARAMETER, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The error code ECS answers this refusal with. */
    public String code() {
        return kind.code();
    }
}
