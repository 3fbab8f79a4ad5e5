package berth.elb.core;

/**
 * The target group attributes berth acts on.
 *
 * @param deregistrationDelaySeconds how long a deregistered target stays draining (0-3600)
 * @param stickinessType {@code lb_cookie} (application) or {@code source_ip} (network)
 * @param stickinessDurationSeconds lifetime of the AWSALB cookie (1-604800)
 */
public record TargetGroupAttributes(int deregistrationDelaySeconds, boolean stickinessEnabled, String stickinessType,
                                    int stickinessDurationSeconds, Algorithm algorithm) {
    public static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    public static final String STICKINESS_ENABLED = "stickiness.enabled";
    public static final String STICKINESS_TYPE = "stickiness.type";
    public static final String STICKINESS_DURATION = "stickiness.lb_cookie.duration_seconds";
    public static final String ALGORITHM = "load_balancing.algorithm.type";
    public static final String LB_COOKIE = "lb_cookie";
    public static final String SOURCE_IP = "source_ip";

    public static TargetGroupAttributes defaultsFor(TargetProtocol protocol) {
        return new TargetGroupAttributes(300, false, protocol == TargetProtocol.HTTP ? LB_COOKIE : SOURCE_IP, 86400,
                Algorithm.ROUND_ROBIN);
    }
}
