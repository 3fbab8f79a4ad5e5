package berth.agent.runtime;

/**
 * A container port published on the host, as in an ECS container definition's {@code portMappings}.
 *
 * @param containerPort the port the process listens on inside the container
 * @param hostPort      the host port, or 0 to let the engine pick a free ephemeral port (ECS dynamic
 *                      port mapping)
 * @param hostIp        the host address to bind, or empty for all interfaces
 */
public record PortMapping(int containerPort, int hostPort, TransportProtocol protocol, String hostIp) {

    public PortMapping {
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("containerPort out of range: " + containerPort);
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("hostPort out of range: " + hostPort);
        }
    }

    /** A TCP port on all interfaces at a dynamic host port. */
    public static PortMapping dynamic(int containerPort) {
        return new PortMapping(containerPort, 0, TransportProtocol.TCP, "");
    }

    /** A TCP port on all interfaces at a fixed host port. */
    public static PortMapping tcp(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, TransportProtocol.TCP, "");
    }
}
