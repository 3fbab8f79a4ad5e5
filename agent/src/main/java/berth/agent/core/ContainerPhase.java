package berth.agent.core;

/**
 * Where one container of a task stands, as the agent knows it from the engine and its own record:
 * not created yet, created but not started, running, or stopped for good (exited, failed to start,
 * or vanished from the host).
 */
public enum ContainerPhase {
    NONE, CREATED, RUNNING, STOPPED;

    /** The container status ECS reports for this phase. */
    public String ecsStatus() {
        return switch (this) {
            case NONE, CREATED -> "PENDING";
            case RUNNING -> "RUNNING";
            case STOPPED -> "STOPPED";
        };
    }
}
