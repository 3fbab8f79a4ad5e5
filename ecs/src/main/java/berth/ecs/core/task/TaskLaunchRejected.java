package berth.ecs.core.task;

/**
 * A RunTask or StartTask request ECS would refuse, with the error family ECS answers it with and ECS's
 * message: {@code ClientException}, {@code InvalidParameterException} or
 * {@code PlatformUnknownException}.
 */
public final class TaskLaunchRejected extends RuntimeException {

    public enum Kind { CLIENT, INVALID_PARAMETER, PLATFORM_UNKNOWN }

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
}
