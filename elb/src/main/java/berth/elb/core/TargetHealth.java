package berth.elb.core;

import java.util.List;

/**
 * What is known of a target's health: its state, the reason AWS gives for it, and the counts of
 * consecutive check results that move it.
 *
 * @param failedCodes the HTTP codes of the last mismatching checks, for the reason's description
 */
public record TargetHealth(State state, Reason reason, int consecutiveSuccesses, int consecutiveFailures,
                           List<Integer> failedCodes) {

    /** The target states of DescribeTargetHealth. */
    public enum State {
        INITIAL, HEALTHY, UNHEALTHY, UNUSED, DRAINING, UNAVAILABLE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** AWS's reason codes and the descriptions it gives with them. */
    public enum Reason {
        NONE("", ""),
        REGISTRATION_IN_PROGRESS("Elb.RegistrationInProgress", "Target registration is in progress"),
        INITIAL_HEALTH_CHECKING("Elb.InitialHealthChecking", "Initial health checks in progress"),
        RESPONSE_CODE_MISMATCH("Target.ResponseCodeMismatch", "Health checks failed with these codes: "),
        TIMEOUT("Target.Timeout", "Request timed out"),
        FAILED_HEALTH_CHECKS("Target.FailedHealthChecks", "Health checks failed"),
        NOT_REGISTERED("Target.NotRegistered", "Target is not registered to the target group"),
        NOT_IN_USE("Target.NotInUse", "Target group is not configured to receive traffic from the load balancer"),
        DEREGISTRATION_IN_PROGRESS("Target.DeregistrationInProgress", "Target deregistration is in progress"),
        INTERNAL_ERROR("Elb.InternalError", "Health checks failed due to an internal error");

        private final String code;
        private final String description;

        Reason(String code, String description) {
            this.code = code;
            this.description = description;
        }

        public String code() {
            return code;
        }

        public String description() {
            return description;
        }
    }

    public TargetHealth {
        failedCodes = List.copyOf(failedCodes);
    }

    /** A target just registered, before any check has answered. */
    public static final TargetHealth REGISTERED = new TargetHealth(State.INITIAL, Reason.REGISTRATION_IN_PROGRESS, 0, 0, List.of());
    public static final TargetHealth NOT_IN_USE = new TargetHealth(State.UNUSED, Reason.NOT_IN_USE, 0, 0, List.of());
    public static final TargetHealth NOT_REGISTERED = new TargetHealth(State.UNUSED, Reason.NOT_REGISTERED, 0, 0, List.of());
    public static final TargetHealth DRAINING = new TargetHealth(State.DRAINING, Reason.DEREGISTRATION_IN_PROGRESS, 0, 0, List.of());

    /** The description DescribeTargetHealth shows; empty for healthy targets. */
    public String description() {
        if (reason == Reason.RESPONSE_CODE_MISMATCH) return reason.description() + failedCodes;
        return reason.description();
    }
}
