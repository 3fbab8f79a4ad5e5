package berth.agent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine reports about one container, enough to report ECS container state changes and to
 * adopt containers after an agent restart.
 *
 * @param name            the container name, without the engine's leading slash
 * @param image           the image reference the container was created from
 * @param imageId         the engine's id of that image
 * @param exitCode        present once the container has stopped
 * @param startedAt       present once the container has been started
 * @param finishedAt      present once the container has stopped
 * @param error           the engine's reason when the container failed to start, else empty
 * @param networkBindings host ports actually bound, including those assigned dynamically
 * @param ipAddresses     the container's IPv4 address on each network it is attached to, by network name
 * @param macAddresses    the container's interface MAC address on each network, by network name
 * @param resources       the CPU and memory limits the engine enforces
 */
public record ContainerObservation(
        String id,
        String name,
        String image,
        String imageId,
        Map<String, String> labels,
        ContainerState state,
        Optional<Integer> exitCode,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        boolean oomKilled,
        HealthStatus health,
        String error,
        List<NetworkBinding> networkBindings,
        Map<String, String> ipAddresses,
        Resources resources,
        Map<String, String> macAddresses) {

    public ContainerObservation {
        labels = Map.copyOf(labels);
        networkBindings = List.copyOf(networkBindings);
        ipAddresses = Map.copyOf(ipAddresses);
        macAddresses = Map.copyOf(macAddresses);
    }

    /** The host port bound to {@code containerPort}/{@code protocol}, if any. */
    public Optional<Integer> hostPort(int containerPort, TransportProtocol protocol) {
        return networkBindings.stream()
                .filter(b -> b.containerPort() == containerPort && b.protocol() == protocol)
                .map(NetworkBinding::hostPort)
                .findFirst();
    }
}
