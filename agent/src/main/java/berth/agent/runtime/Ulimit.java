package berth.agent.runtime;

/** A resource limit such as {@code nofile}, as in an ECS container definition's {@code ulimits}. */
public record Ulimit(String name, long softLimit, long hardLimit) {

    public Ulimit {
        if (name.isBlank()) {
            throw new IllegalArgumentException("ulimit name is blank");
        }
        if (softLimit > hardLimit) {
            throw new IllegalArgumentException("ulimit " + name + ": soft limit exceeds hard limit");
        }
    }
}
