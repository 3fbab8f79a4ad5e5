package berth.ecs.core.instance;

import java.util.Objects;

/** An attribute of a container instance; {@code value} is empty for an attribute that has none. */
public record InstanceAttribute(String name, String value) {
    public InstanceAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static InstanceAttribute named(String name) {
        return new InstanceAttribute(name, "");
    }

    /** Built-in attributes (set by ECS or the agent) start with {@code ecs.} or {@code com.amazonaws.ecs.}. */
    public boolean builtIn() {
        return name.startsWith("ecs.") || name.startsWith("com.amazonaws.ecs.");
    }
}
