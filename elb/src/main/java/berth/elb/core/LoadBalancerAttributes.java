package berth.elb.core;

/**
 * The load balancer attributes berth acts on.
 *
 * @param idleTimeoutSeconds how long a client or target connection may stay silent (application load
 *     balancers): an idle client connection is closed, a target that sends nothing for this long while
 *     a request waits makes the request fail with 504
 * @param deletionProtection when on, DeleteLoadBalancer is refused
 */
public record LoadBalancerAttributes(int idleTimeoutSeconds, boolean deletionProtection) {
    public static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    public static final String DELETION_PROTECTION = "deletion_protection.enabled";
    public static final LoadBalancerAttributes DEFAULTS = new LoadBalancerAttributes(60, false);

    public LoadBalancerAttributes withIdleTimeoutSeconds(int seconds) {
        return new LoadBalancerAttributes(seconds, deletionProtection);
    }

    public LoadBalancerAttributes withDeletionProtection(boolean enabled) {
        return new LoadBalancerAttributes(idleTimeoutSeconds, enabled);
    }
}
