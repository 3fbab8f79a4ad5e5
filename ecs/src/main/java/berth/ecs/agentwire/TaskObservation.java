package berth.ecs.agentwire;

import java.util.List;

/**
 * What an agent saw of a task that the public state-change operations cannot carry.
 *
 * @param privateIpv4Address the task's own address in awsvpc mode, empty otherwise
 * @param macAddress the task's interface MAC in awsvpc mode, empty otherwise
 */
public record TaskObservation(String cluster, String taskArn, List<ContainerHealth> containers,
                              String privateIpv4Address, String macAddress) {
    public TaskObservation {
        containers = List.copyOf(containers);
    }

    /** A container's health as Docker's health check reports it: HEALTHY, UNHEALTHY or UNKNOWN. */
    public record ContainerHealth(String containerName, String runtimeId, String healthStatus) {}
}
