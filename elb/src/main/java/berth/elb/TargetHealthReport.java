package berth.elb;

/**
 * One target's health as DescribeTargetHealth reports it.
 *
 * @param target the target with its effective port
 * @param state {@code initial}, {@code healthy}, {@code unhealthy}, {@code unused}, {@code draining}
 *     or {@code unavailable}
 * @param reason AWS's reason code (e.g. {@code Target.FailedHealthChecks}); empty when healthy
 * @param description AWS's description of the reason; empty when healthy
 */
public record TargetHealthReport(TargetRef target, String state, String reason, String description) {
    public boolean healthy() {
        return state.equals("healthy");
    }
}
