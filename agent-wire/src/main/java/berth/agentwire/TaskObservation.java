package berth.agentwire;

import java.util.List;

/**
 * What an agent saw of a task that the public state-change operations cannot carry.
 *
 * @param cluster the task's cluster (name or ARN)
 * @param containers the health of each container the engine has
 * @param privateIpv4Address the task's own address in awsvpc mode, empty otherwise
 * @param macAddress the task's interface MAC in awsvpc mode, empty otherwise
 */
public record TaskObservation(String cluster, String taskArn, List<ContainerHealth> containers,
                              String privateIpv4Address, String macAddress) {
    public TaskObservation {
        cluster = WireValues.text(cluster);
        taskArn = WireValues.text(taskArn);
        containers = WireValues.list(containers);
        privateIpv4Address = WireValues.text(privateIpv4Address);
        macAddress = WireValues.text(macAddress);
    }

    /** A container's health as the engine's health check reports it: HEALTHY, UNHEALTHY or UNKNOWN. */
    public record ContainerHealth(String containerName, String runtimeId, String healthStatus) {
        public ContainerHealth {
            containerName = WireValues.text(containerName);
            runtimeId = WireValues.text(runtimeId);
            healthStatus = WireValues.text(healthStatus);
        }
    }
}
