package berth.elb;

import berth.aws.Scope;
import java.util.Optional;

/**
 * Where an instance target is reached: published by whoever knows berth's instances (the container
 * instances of ECS) with {@code platform.publish(InstanceAddresses.class, ...)}. Without one,
 * {@code instance} targets are refused as unknown.
 */
@FunctionalInterface
public interface InstanceAddresses {
    /** The IPv4 address of instance {@code instanceId} in {@code scope}; empty when unknown. */
    Optional<String> address(Scope scope, String instanceId);
}
