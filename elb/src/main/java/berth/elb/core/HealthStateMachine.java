package berth.elb.core;

import java.util.ArrayList;
import java.util.List;

/**
 * How check results move a target between initial, healthy and unhealthy, as ALB does: a new
 * target is healthy after one passing check, or unhealthy after the unhealthy threshold of failures
 * in a row; a healthy target turns unhealthy after the unhealthy threshold of failures in a row, an
 * unhealthy one healthy after the healthy threshold of passes in a row.
 */
public final class HealthStateMachine {
    private static final int MAX_REMEMBERED_CODES = 5;

    private HealthStateMachine() {}

    public static TargetHealth next(TargetHealth current, ProbeOutcome outcome, int healthyThreshold, int unhealthyThreshold) {
        boolean passed = outcome instanceof ProbeOutcome.Passed;
        int successes = passed ? current.consecutiveSuccesses() + 1 : 0;
        int failures = passed ? 0 : current.consecutiveFailures() + 1;
        List<Integer> codes = passed ? List.of() : codes(current, outcome);
        TargetHealth.Reason failure = passed ? TargetHealth.Reason.NONE : reasonOf(outcome);
        return switch (current.state()) {
            case HEALTHY -> passed || failures < unhealthyThreshold
                    ? new TargetHealth(TargetHealth.State.HEALTHY, TargetHealth.Reason.NONE, successes, failures, codes)
                    : new TargetHealth(TargetHealth.State.UNHEALTHY, failure, successes, failures, codes);
            case UNHEALTHY -> passed && successes >= healthyThreshold
                    ? new TargetHealth(TargetHealth.State.HEALTHY, TargetHealth.Reason.NONE, successes, failures, List.of())
                    : new TargetHealth(TargetHealth.State.UNHEALTHY, passed ? current.reason() : failure, successes,
                            failures, passed ? current.failedCodes() : codes);
            default -> {
                if (passed) {
                    yield new TargetHealth(TargetHealth.State.HEALTHY, TargetHealth.Reason.NONE, successes, failures, List.of());
                }
                yield failures >= unhealthyThreshold
                        ? new TargetHealth(TargetHealth.State.UNHEALTHY, failure, successes, failures, codes)
                        : new TargetHealth(TargetHealth.State.INITIAL, TargetHealth.Reason.INITIAL_HEALTH_CHECKING,
                                successes, failures, codes);
            }
        };
    }

    private static TargetHealth.Reason reasonOf(ProbeOutcome outcome) {
        return switch (outcome) {
            case ProbeOutcome.CodeMismatch m -> TargetHealth.Reason.RESPONSE_CODE_MISMATCH;
            case ProbeOutcome.TimedOut t -> TargetHealth.Reason.TIMEOUT;
            case ProbeOutcome.ConnectionFailed f -> TargetHealth.Reason.FAILED_HEALTH_CHECKS;
            case ProbeOutcome.InternalError e -> TargetHealth.Reason.INTERNAL_ERROR;
            case ProbeOutcome.Passed p -> TargetHealth.Reason.NONE;
        };
    }

    private static List<Integer> codes(TargetHealth current, ProbeOutcome outcome) {
        if (!(outcome instanceof ProbeOutcome.CodeMismatch mismatch)) return List.of();
        List<Integer> codes = new ArrayList<>(current.failedCodes());
        if (!codes.contains(mismatch.code())) codes.add(mismatch.code());
        while (codes.size() > MAX_REMEMBERED_CODES) codes.remove(0);
        return codes;
    }
}
