package berth.ecs.core.task;

import java.util.Objects;

/** One {@code failures[]} entry of RunTask or StartTask: the instance (or resource) ARN, ECS's reason and detail. */
public record LaunchFailure(String arn, String reason, String detail) {
    public LaunchFailure {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
