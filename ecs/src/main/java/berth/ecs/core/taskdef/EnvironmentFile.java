package berth.ecs.core.taskdef;

import java.util.Objects;

/** A file of environment variables a container loads: {@code value} is its location, {@code type} is {@code s3}. */
public record EnvironmentFile(String value, String type) {
    public EnvironmentFile {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }
}
