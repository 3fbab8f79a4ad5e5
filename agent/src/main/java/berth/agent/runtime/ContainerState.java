package berth.agent.runtime;

/** The engine's lifecycle state of a container. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    /** True once the container's process has ended for good: ECS would report it STOPPED. */
    public boolean stopped() {
        return this == EXITED || this == DEAD;
    }
}
