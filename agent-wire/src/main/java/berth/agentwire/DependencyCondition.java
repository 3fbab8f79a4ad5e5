package berth.agentwire;

/** When a container a {@link DependsOn} names counts as ready, as ECS defines the conditions. */
public enum DependencyCondition {
    /** It has started. */
    START,
    /** It has run to completion (exited), whatever its exit code. */
    COMPLETE,
    /** It exited with code 0. */
    SUCCESS,
    /** Its health check passes. */
    HEALTHY
}
