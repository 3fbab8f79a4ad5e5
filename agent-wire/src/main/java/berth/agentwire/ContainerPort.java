package berth.agentwire;

/**
 * A port a container publishes. {@code hostPort} 0 is a dynamic host port (bridge mode); in awsvpc and
 * host mode it equals {@code containerPort}. {@code protocol} is {@code tcp} or {@code udp}.
 */
public record ContainerPort(int containerPort, int hostPort, String protocol) {
    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    public ContainerPort {
        protocol = protocol == null || protocol.isEmpty() ? TCP : protocol;
    }

    public static ContainerPort tcp(int containerPort, int hostPort) {
        return new ContainerPort(containerPort, hostPort, TCP);
    }

    public boolean udp() {
        return UDP.equals(protocol);
    }
}
