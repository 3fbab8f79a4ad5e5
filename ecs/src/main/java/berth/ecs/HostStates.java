package berth.ecs;

import berth.aws.Scope;

/**
 * What ECS learns from EC2 about its container instances' hosts, published by ECS with
 * {@code platform.publish(HostStates.class, ...)} (on AWS, ECS follows EC2's instance state changes):
 * a stopped host's container instances lose their agent and their tasks stop, while the instances
 * stay registered, so the agent of a started host joins again as the same container instance.
 */
@FunctionalInterface
public interface HostStates {
    /** The EC2 instance {@code ec2InstanceId} of {@code scope} stopped. */
    void hostStopped(Scope scope, String ec2InstanceId);
}
