package berth.agent.runtime;

/**
 * A port binding the engine actually made, as ECS reports it in a container's
 * {@code networkBindings}: the host port is the one assigned, also for dynamic mappings.
 *
 * @param bindIp the host address bound, e.g. {@code 0.0.0.0} or {@code ::}
 */
public record NetworkBinding(String bindIp, int containerPort, int hostPort, TransportProtocol protocol) {}
