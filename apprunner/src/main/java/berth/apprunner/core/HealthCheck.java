package berth.apprunner.core;

/** A service's health check as App Runner takes it (defaults: TCP, path /, 5 s, 2 s, 1, 5). */
public record HealthCheck(String protocol, String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
                          int unhealthyThreshold) {
    public static final HealthCheck DEFAULT = new HealthCheck("TCP", "/", 5, 2, 1, 5);

    /**
     * The same check as the load balancer's target group can run it. An Application Load Balancer's
     * groups check over HTTP only and take intervals of at least 5 s, timeouts of at least 2 s and
     * below the interval, and thresholds of at least 2; App Runner's smaller figures are raised to
     * those. A TCP check becomes an HTTP check of the path that counts any answer below 500 as
     * healthy: the target accepted the connection and answered.
     */
    public TargetGroupCheck forTargetGroup() {
        int interval = Math.max(5, intervalSeconds);
        int timeout = Math.max(2, Math.min(timeoutSeconds, interval - 1));
        boolean tcp = protocol.equals("TCP");
        return new TargetGroupCheck(tcp ? "/" : path, interval, timeout, Math.max(2, healthyThreshold),
                Math.max(2, unhealthyThreshold), tcp ? "200-499" : "200");
    }

    public record TargetGroupCheck(String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
                                   int unhealthyThreshold, String matcher) {}
}
