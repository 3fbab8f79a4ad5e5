package berth.apprunner.core;

/**
 * How an account's App Runner services in one region are reached: one Application Load Balancer
 * with one HTTP listener on {@code port} of this host, whose host-header rules send each service's
 * host name to its target group. The port is chosen when the scope's first service is created and
 * kept; the load balancer and listener ARNs are empty until the control loop has made them.
 */
public record Ingress(String accountId, String region, int port, String loadBalancerArn, String listenerArn) {
    public berth.aws.Scope scope() {
        return new berth.aws.Scope(accountId, region);
    }

    public Ingress withBalancer(String lb, String listener) {
        return new Ingress(accountId, region, port, lb, listener);
    }

    /** The ServiceUrl of a service at {@code host}: the host, with the port unless it is 80. */
    public String url(String host) {
        return port == 80 ? host : host + ":" + port;
    }
}
