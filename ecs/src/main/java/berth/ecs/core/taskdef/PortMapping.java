package berth.ecs.core.taskdef;

import java.util.Objects;

/**
 * One port a container publishes. {@code hostPort} 0 means a dynamic host port (bridge mode);
 * in awsvpc and host mode registration makes it equal to {@code containerPort}. {@code protocol}
 * is {@code tcp} or {@code udp}; {@code name} and {@code appProtocol} are empty when unset.
 */
public record PortMapping(int containerPort, int hostPort, String protocol, String name, String appProtocol) {
    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    public PortMapping {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appProtocol, "appProtocol");
    }

    public static PortMapping tcp(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, TCP, "", "");
    }

    public boolean udp() {
        return UDP.equals(protocol);
    }

    /** True when the task needs this exact host port (it takes the port from the instance). */
    public boolean fixedHostPort() {
        return hostPort != 0;
    }

    public PortMapping withHostPort(int port) {
        return new PortMapping(containerPort, port, protocol, name, appProtocol);
    }
}
