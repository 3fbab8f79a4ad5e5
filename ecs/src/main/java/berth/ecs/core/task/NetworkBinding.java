package berth.ecs.core.task;

import java.util.Objects;

/**
 * A container port published on the host, as the agent reports it: {@code bindIp} (e.g.
 * {@code 0.0.0.0}), container and host port, and {@code protocol} ({@code tcp} or {@code udp}).
 */
public record NetworkBinding(String bindIp, int containerPort, int hostPort, String protocol) {
    public NetworkBinding {
        Objects.requireNonNull(bindIp, "bindIp");
        Objects.requireNonNull(protocol, "protocol");
    }
}
