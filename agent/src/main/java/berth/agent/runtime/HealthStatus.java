package berth.agent.runtime;

/** The engine's health verdict on a container. {@code NONE}: the container has no health check. */
public enum HealthStatus {
    NONE, STARTING, HEALTHY, UNHEALTHY
}
