package berth.ecs;

import berth.aws.Scope;
import java.util.Optional;

/**
 * The address ranges of subnets, published by whoever keeps them (EC2) with
 * {@code platform.publish(SubnetRanges.class, ...)}. ECS names an awsvpc task's subnet and its CIDR
 * block in the task's assignment, so the agent gives the task an address from it; without one, or for
 * a subnet it does not know, the agent uses its own awsvpc network.
 */
@FunctionalInterface
public interface SubnetRanges {
    /** The IPv4 CIDR block of subnet {@code subnetId} in {@code scope}; empty when unknown. */
    Optional<String> cidr(Scope scope, String subnetId);
}
