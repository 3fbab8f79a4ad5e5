package berth.ecs.core.taskdef;

import java.util.Objects;

/** A name and value: an environment variable or a system control. */
public record KeyValue(String name, String value) {
    public KeyValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
