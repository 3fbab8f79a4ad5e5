package berth.elb.core;

/** How a load balancer talks to the targets of a target group. */
public enum TargetProtocol {
    HTTP,
    TCP;

    public LoadBalancerType loadBalancerType() {
        return this == HTTP ? LoadBalancerType.APPLICATION : LoadBalancerType.NETWORK;
    }
}
