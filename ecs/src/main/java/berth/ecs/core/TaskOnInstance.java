package berth.ecs.core;

import java.util.Objects;

/**
 * A task that holds resources on a container instance (pending or running), as placement sees
 * it: its task group ({@code service:NAME}, {@code family:NAME} or a custom group) and the family
 * of its task definition.
 */
public record TaskOnInstance(String group, String taskDefinitionFamily) {
    public TaskOnInstance {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(taskDefinitionFamily, "taskDefinitionFamily");
    }
}
