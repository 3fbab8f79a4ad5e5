package berth.agent.runtime;

/** How a container is attached to networks: the ECS {@code networkMode} of its task. */
public sealed interface NetworkMode {

    /** The engine's default bridge: ECS {@code bridge}. */
    record Bridge() implements NetworkMode {}

    /** The host's network namespace: ECS {@code host}. */
    record Host() implements NetworkMode {}

    /** Only a loopback interface: ECS {@code none}. */
    record None() implements NetworkMode {}

    /** A user-defined network, where containers reach each other by name and alias. */
    record Named(String network) implements NetworkMode {
        public Named {
            if (network.isBlank()) {
                throw new IllegalArgumentException("network name is blank");
            }
        }
    }

    /**
     * The network namespace of another container, the way ECS {@code awsvpc} tasks share the
     * namespace of their pause container.
     */
    record ContainerOf(String containerId) implements NetworkMode {
        public ContainerOf {
            if (containerId.isBlank()) {
                throw new IllegalArgumentException("container id is blank");
            }
        }
    }

    static NetworkMode bridge() {
        return new Bridge();
    }

    static NetworkMode host() {
        return new Host();
    }

    static NetworkMode none() {
        return new None();
    }

    static NetworkMode named(String network) {
        return new Named(network);
    }

    static NetworkMode containerOf(String containerId) {
        return new ContainerOf(containerId);
    }
}
