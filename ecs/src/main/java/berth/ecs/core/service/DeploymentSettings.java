package berth.ecs.core.service;

/**
 * A service's deploymentConfiguration: how far below and above {@code desiredCount} a rolling
 * deployment may go, and its circuit breaker.
 */
public record DeploymentSettings(int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker,
                                 boolean rollback) {
    public static DeploymentSettings defaults() {
        return new DeploymentSettings(100, 200, false, false);
    }

    /** The fewest healthy tasks a deployment keeps while replacing tasks. */
    public int minimumHealthy(int desiredCount) {
        return (int) Math.ceil(desiredCount * minimumHealthyPercent / 100.0);
    }

    /** The most tasks (any state short of STOPPED) a deployment runs at once. */
    public int maximum(int desiredCount) {
        return (int) Math.floor(desiredCount * maximumPercent / 100.0);
    }

    /** ECS's circuit breaker threshold: min(max(ceil(0.5 x desiredCount), 3), 200) failed tasks. */
    public static int failureThreshold(int desiredCount) {
        return Math.min(Math.max((int) Math.ceil(desiredCount * 0.5), 3), 200);
    }
}
