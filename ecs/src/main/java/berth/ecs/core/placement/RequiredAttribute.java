package berth.ecs.core.placement;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance attribute a task definition needs (its {@code requiresAttributes}, or a capability
 * implied by a parameter such as a log driver). An empty {@code value} means the attribute only
 * has to be present. Instances without it are rejected with {@code ATTRIBUTE}.
 */
public record RequiredAttribute(String name, String value) {
    public RequiredAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static RequiredAttribute named(String name) {
        return new RequiredAttribute(name, "");
    }

    public Optional<String> requiredValue() {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
