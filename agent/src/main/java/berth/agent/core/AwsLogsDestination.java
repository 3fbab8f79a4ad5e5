package berth.agent.core;

import berth.agentwire.AssignedContainer;
import java.util.Map;
import java.util.Optional;

/**
 * Where the {@code awslogs} log driver sends a container's output, from its {@code awslogs-*}
 * options: group {@code awslogs-group}, stream {@code <awslogs-stream-prefix>/<container name>/<task id>}
 * (the engine's container id when there is no prefix), in {@code awslogs-region} (the control plane's
 * region when absent), creating the group first when {@code awslogs-create-group} is {@code true}.
 */
public record AwsLogsDestination(String group, String streamPrefix, Optional<String> region, boolean createGroup) {

    /** The destination of {@code container}'s output, when it uses the awslogs driver with a group. */
    public static Optional<AwsLogsDestination> of(AssignedContainer container) {
        if (!container.hasLogConfiguration() || !container.logConfiguration().awslogs()) {
            return Optional.empty();
        }
        Map<String, String> options = container.logConfiguration().options();
        String group = options.getOrDefault("awslogs-group", "");
        if (group.isEmpty()) {
            return Optional.empty();
        }
        String region = options.getOrDefault("awslogs-region", "");
        return Optional.of(new AwsLogsDestination(group, options.getOrDefault("awslogs-stream-prefix", ""),
                region.isEmpty() ? Optional.empty() : Optional.of(region),
                "true".equalsIgnoreCase(options.getOrDefault("awslogs-create-group", "false"))));
    }

    /** The stream of one container: prefixed streams name the container and task, others the engine's id. */
    public String stream(String containerName, String taskId, String containerId) {
        return streamPrefix.isEmpty() ? containerId : streamPrefix + "/" + containerName + "/" + taskId;
    }
}
