package berth.agentwire;

import java.util.Objects;

/** A container of the task that must reach {@code condition} before the dependent container starts. */
public record DependsOn(String containerName, DependencyCondition condition) {
    public DependsOn {
        containerName = WireValues.text(containerName);
        Objects.requireNonNull(condition, "condition");
    }
}
