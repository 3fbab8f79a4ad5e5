package berth.elb.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthStateMachineTest {
    private static final ProbeOutcome PASS = ProbeOutcome.PASSED;
    private static final ProbeOutcome REFUSED = new ProbeOutcome.ConnectionFailed("refused");

    private static TargetHealth run(TargetHealth start, int healthy, int unhealthy, ProbeOutcome... outcomes) {
        TargetHealth h = start;
        for (ProbeOutcome o : outcomes) h = HealthStateMachine.next(h, o, healthy, unhealthy);
        return h;
    }

    @Test
    void aNewTargetIsHealthyAfterOnePassingCheck() {
        assertThat(TargetHealth.REGISTERED.state()).isEqualTo(TargetHealth.State.INITIAL);
        assertThat(TargetHealth.REGISTERED.reason().code()).isEqualTo("Elb.RegistrationInProgress");
        assertThat(run(TargetHealth.REGISTERED, 5, 2, PASS).state()).isEqualTo(TargetHealth.State.HEALTHY);
    }

    @Test
    void aNewTargetStaysInitialUntilTheUnhealthyThresholdOfFailures() {
        TargetHealth once = run(TargetHealth.REGISTERED, 5, 3, REFUSED);
        assertThat(once.state()).isEqualTo(TargetHealth.State.INITIAL);
        assertThat(once.reason().code()).isEqualTo("Elb.InitialHealthChecking");
        assertThat(run(once, 5, 3, REFUSED).state()).isEqualTo(TargetHealth.State.INITIAL);
        TargetHealth thrice = run(once, 5, 3, REFUSED, REFUSED);
        assertThat(thrice.state()).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(thrice.reason().code()).isEqualTo("Target.FailedHealthChecks");
    }

    @Test
    void aHealthyTargetNeedsConsecutiveFailuresToTurnUnhealthy() {
        TargetHealth healthy = run(TargetHealth.REGISTERED, 5, 2, PASS);
        assertThat(run(healthy, 5, 2, REFUSED).state()).isEqualTo(TargetHealth.State.HEALTHY);
        assertThat(run(healthy, 5, 2, REFUSED, PASS, REFUSED).state()).as("a pass resets the count").isEqualTo(TargetHealth.State.HEALTHY);
        TargetHealth timedOut = run(healthy, 5, 2, REFUSED, new ProbeOutcome.TimedOut());
        assertThat(timedOut.state()).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(timedOut.reason().code()).isEqualTo("Target.Timeout");
        assertThat(timedOut.description()).isEqualTo("Request timed out");
    }

    @Test
    void anUnhealthyTargetNeedsTheHealthyThresholdOfPassesAndKeepsItsReasonMeanwhile() {
        TargetHealth unhealthy = run(TargetHealth.REGISTERED, 3, 2, new ProbeOutcome.CodeMismatch(503), new ProbeOutcome.CodeMismatch(500));
        assertThat(unhealthy.state()).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(unhealthy.reason().code()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(unhealthy.description()).isEqualTo("Health checks failed with these codes: [503, 500]");
        TargetHealth twoPasses = run(unhealthy, 3, 2, PASS, PASS);
        assertThat(twoPasses.state()).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(twoPasses.reason().code()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(run(twoPasses, 3, 2, PASS).state()).isEqualTo(TargetHealth.State.HEALTHY);
        assertThat(run(unhealthy, 3, 2, PASS, PASS, REFUSED, PASS, PASS).state()).isEqualTo(TargetHealth.State.UNHEALTHY);
        assertThat(run(unhealthy, 3, 2, new ProbeOutcome.InternalError("x")).reason().code()).isEqualTo("Elb.InternalError");
    }
}
