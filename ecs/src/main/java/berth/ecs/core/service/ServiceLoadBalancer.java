package berth.ecs.core.service;

import java.util.Objects;

/** A target group the service registers its tasks' {@code containerName}:{@code containerPort} in. */
public record ServiceLoadBalancer(String targetGroupArn, String containerName, int containerPort) {
    public ServiceLoadBalancer {
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
        Objects.requireNonNull(containerName, "containerName");
    }
}
