package berth.elb.core;

/**
 * How a target group's targets are checked.
 *
 * @param port {@code traffic-port} (each target's own port) or a port number
 * @param path the request path of HTTP checks, {@code /} by default
 * @param matcher the HTTP codes that mean healthy (HTTP checks only)
 */
public record HealthCheck(HealthCheckProtocol protocol, String port, String path, int intervalSeconds,
                          int timeoutSeconds, int healthyThreshold, int unhealthyThreshold, String matcher) {
    public static final String TRAFFIC_PORT = "traffic-port";

    /** The protocol of a check: an HTTP GET, or only a TCP connect. */
    public enum HealthCheckProtocol { HTTP, TCP }

    /** AWS's defaults for a target group of {@code protocol}. */
    public static HealthCheck defaultsFor(TargetProtocol protocol) {
        return protocol == TargetProtocol.HTTP
                ? new HealthCheck(HealthCheckProtocol.HTTP, TRAFFIC_PORT, "/", 30, 5, 5, 2, "200")
                : new HealthCheck(HealthCheckProtocol.TCP, TRAFFIC_PORT, "", 30, 10, 5, 2, "");
    }

    /** The port a check of {@code target} connects to. */
    public int portFor(int targetPort) {
        return port.equals(TRAFFIC_PORT) ? targetPort : Integer.parseInt(port);
    }

    public boolean isHttp() {
        return protocol == HealthCheckProtocol.HTTP;
    }

    /** The code matcher of HTTP checks; its range depends on the load balancer type. */
    public HttpCodeMatcher codeMatcher(TargetProtocol groupProtocol) {
        return HttpCodeMatcher.parse(matcher, 200, groupProtocol == TargetProtocol.HTTP ? 499 : 599);
    }
}
