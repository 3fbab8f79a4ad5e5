package berth.agent.loop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What RegisterContainerInstance carries.
 *
 * @param containerInstanceArn the ARN this host registered as before, to register again as the same instance
 * @param identityDocument     the instance identity document (JSON)
 * @param attributes           instance attributes by name; empty values for capabilities
 */
public record InstanceRegistration(String cluster, Optional<String> containerInstanceArn, String identityDocument,
                                   int cpuUnits, long memoryMiB, List<String> reservedTcpPorts,
                                   List<String> reservedUdpPorts, Map<String, String> attributes,
                                   Map<String, String> tags, String agentVersion, String dockerVersion) {

    public InstanceRegistration {
        reservedTcpPorts = List.copyOf(reservedTcpPorts);
        reservedUdpPorts = List.copyOf(reservedUdpPorts);
        attributes = Map.copyOf(attributes);
        tags = Map.copyOf(tags);
    }
}
