package berth.ecs.core.taskdef;

import java.util.Objects;

/** A container that must reach {@code condition} before the dependent container starts. */
public record ContainerDependency(String containerName, Condition condition) {

    /** When the dependency counts as met, as ECS defines the conditions. */
    public enum Condition {
        /** The dependency has started. */
        START,
        /** The dependency has run to completion (exited), whatever its exit code. */
        COMPLETE,
        /** The dependency exited with code 0. */
        SUCCESS,
        /** The dependency's health check passes. */
        HEALTHY
    }

    public ContainerDependency {
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(condition, "condition");
    }
}
