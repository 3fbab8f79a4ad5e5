package berth.agent.runtime;

/** An {@code /etc/hosts} entry added to a container: ECS {@code extraHosts}. */
public record ExtraHost(String hostname, String ipAddress) {}
