package berth.elb.api;

import berth.elb.core.ElbError;
import berth.elb.core.HealthCheck;
import berth.elb.core.TargetProtocol;

/** Health check settings of CreateTargetGroup and ModifyTargetGroup, with AWS's defaults and rules. */
final class HealthCheckMapping {
    private HealthCheckMapping() {}

    /** The members a request may set; null where it sets nothing. */
    record Requested(Boolean enabled, String protocol, String port, String path, Integer interval, Integer timeout,
                     Integer healthy, Integer unhealthy, String matcher) {}

    /** {@code base} with the requested changes, checked. */
    static HealthCheck apply(HealthCheck base, TargetProtocol groupProtocol, Requested r, boolean creating) {
        if (Boolean.FALSE.equals(r.enabled())) {
            throw ElbError.INVALID_CONFIGURATION.exception("Health checks cannot be disabled for target groups with target"
                    + " type 'instance' or 'ip'");
        }
        HealthCheck.HealthCheckProtocol protocol = base.protocol();
        if (r.protocol() != null) {
            protocol = switch (r.protocol()) {
                case "HTTP" -> HealthCheck.HealthCheckProtocol.HTTP;
                case "TCP" -> HealthCheck.HealthCheckProtocol.TCP;
                case "HTTPS" -> throw ElbError.UNSUPPORTED_PROTOCOL.exception("berth has no certificates: HTTPS health"
                        + " checks are not supported; use HTTP or TCP");
                default -> throw ElbError.VALIDATION.exception("Health check protocol '" + r.protocol() + "' is not supported");
            };
        }
        if (groupProtocol == TargetProtocol.HTTP && protocol == HealthCheck.HealthCheckProtocol.TCP) {
            throw ElbError.VALIDATION.exception(
                    "Health check protocol 'TCP' is not supported for target groups with the 'HTTP' protocol");
        }
        boolean switched = protocol != base.protocol();
        String path = switched ? (protocol == HealthCheck.HealthCheckProtocol.HTTP ? "/" : "") : base.path();
        String matcher = switched ? (protocol == HealthCheck.HealthCheckProtocol.HTTP ? "200-399" : "") : base.matcher();
        int timeout = base.timeoutSeconds();
        if (switched && creating && groupProtocol == TargetProtocol.TCP && protocol == HealthCheck.HealthCheckProtocol.HTTP) {
            timeout = 6;
        }
        if (r.path() != null) {
            if (protocol != HealthCheck.HealthCheckProtocol.HTTP) {
                throw ElbError.VALIDATION.exception("A health check path can only be set for HTTP health checks");
            }
            if (!r.path().startsWith("/") || r.path().length() > 1024) {
                throw ElbError.VALIDATION.exception(
                        "Health check path '" + r.path() + "' must begin with '/' and be at most 1024 characters");
            }
            path = r.path();
        }
        if (r.matcher() != null) {
            if (protocol != HealthCheck.HealthCheckProtocol.HTTP) {
                throw ElbError.VALIDATION.exception("A health check matcher can only be set for HTTP health checks");
            }
            matcher = r.matcher();
        }
        String port = base.port();
        if (r.port() != null) {
            if (!r.port().equals(HealthCheck.TRAFFIC_PORT)) Names.intIn("HealthCheckPort", r.port(), 1, 65535);
            port = r.port();
        }
        if (r.timeout() != null) timeout = r.timeout();
        int interval = r.interval() != null ? r.interval() : base.intervalSeconds();
        int healthy = r.healthy() != null ? r.healthy() : base.healthyThreshold();
        int unhealthy = r.unhealthy() != null ? r.unhealthy() : base.unhealthyThreshold();
        if (timeout >= interval) {
            throw ElbError.VALIDATION.exception(
                    "Health check timeout '" + timeout + "' must be smaller than the interval '" + interval + "'");
        }
        HealthCheck result = new HealthCheck(protocol, port, path, interval, timeout, healthy, unhealthy, matcher);
        if (result.isHttp()) result.codeMatcher(groupProtocol);
        return result;
    }
}
