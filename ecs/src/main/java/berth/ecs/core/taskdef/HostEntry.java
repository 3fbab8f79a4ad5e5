package berth.ecs.core.taskdef;

import java.util.Objects;

/** A line the container's {@code /etc/hosts} gets. */
public record HostEntry(String hostname, String ipAddress) {
    public HostEntry {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ipAddress, "ipAddress");
    }
}
