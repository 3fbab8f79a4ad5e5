package berth.asg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDecisionTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Group group(int desired, int max, Instant lastScaled) {
        return new Group("000000000000", "us-east-1", "g", "lt-1", "t", "$Default", 1, max, desired, 300,
                List.of("subnet-a"), List.of("us-east-1a"), "EC2", 0, false, List.of(), List.of(), T0, lastScaled, false);
    }

    private static ScalingPolicy policy(String type, String adjustment, int simple, List<ScalingPolicy.StepAdjustment> steps,
                                        int warmup, ScalingPolicy.TargetTracking tt, Instant lastActed) {
        return new ScalingPolicy("000000000000", "us-east-1", "g", "p", "arn:p", adjustment, simple, 0, -1, true, T0, type,
                steps, type.equals(ScalingPolicy.STEP) ? "Average" : "", warmup, tt, List.of(), lastActed);
    }

    private static PolicyDecision.AlarmState alarm(String name, String state, double value, double threshold, Instant since) {
        return new PolicyDecision.AlarmState(name, state, true, Optional.of(value), threshold, since);
    }

    private static final List<ScalingPolicy.StepAdjustment> STEPS = List.of(
            new ScalingPolicy.StepAdjustment(0.0, 20.0, 1), new ScalingPolicy.StepAdjustment(20.0, null, 3));

    @Test
    void aStepPolicyAppliesTheStepHoldingTheBreach() {
        ScalingPolicy step = policy(ScalingPolicy.STEP, "ChangeInCapacity", 0, STEPS, 60, null, Instant.EPOCH);

        assertThat(PolicyDecision.decide(group(2, 10, Instant.EPOCH), step, alarm("high", "ALARM", 65, 50, T0), T0))
                .contains(new PolicyDecision.Change(2, 3, "high"));
        assertThat(PolicyDecision.decide(group(2, 10, Instant.EPOCH), step, alarm("high", "ALARM", 90, 50, T0), T0))
                .contains(new PolicyDecision.Change(2, 5, "high"));
        // within the group's maximum; nothing while the alarm is OK or its actions are disabled
        assertThat(PolicyDecision.decide(group(2, 4, Instant.EPOCH), step, alarm("high", "ALARM", 90, 50, T0), T0))
                .contains(new PolicyDecision.Change(2, 4, "high"));
        assertThat(PolicyDecision.decide(group(2, 10, Instant.EPOCH), step, alarm("high", "OK", 90, 50, T0), T0)).isEmpty();
        assertThat(PolicyDecision.decide(group(2, 10, Instant.EPOCH), step,
                new PolicyDecision.AlarmState("high", "ALARM", false, Optional.of(90.0), 50, T0), T0)).isEmpty();
    }

    @Test
    void aStepPolicyActsAgainOnlyAfterItsWarmupWhileTheAlarmStays() {
        ScalingPolicy acted = policy(ScalingPolicy.STEP, "ChangeInCapacity", 0, STEPS, 60, null, T0.plusSeconds(10));
        PolicyDecision.AlarmState still = alarm("high", "ALARM", 65, 50, T0);

        assertThat(PolicyDecision.decide(group(3, 10, T0), acted, still, T0.plusSeconds(69))).isEmpty();
        assertThat(PolicyDecision.decide(group(3, 10, T0), acted, still, T0.plusSeconds(70)))
                .contains(new PolicyDecision.Change(3, 4, "high"));
        // an alarm that entered ALARM again since the policy acted acts at once
        assertThat(PolicyDecision.decide(group(3, 10, T0), acted, alarm("high", "ALARM", 65, 50, T0.plusSeconds(20)),
                T0.plusSeconds(21))).contains(new PolicyDecision.Change(3, 4, "high"));
    }

    @Test
    void aPolicyNamedInAnAlarmsOkActionsActsWhileTheAlarmIsOk() {
        ScalingPolicy simple = policy(ScalingPolicy.SIMPLE, "ChangeInCapacity", -1, List.of(), -1, null, Instant.EPOCH);
        var ok = new PolicyDecision.AlarmState("calm", "OK", true, Optional.of(1.0), 10, T0, "OK");
        var alarming = new PolicyDecision.AlarmState("calm", "ALARM", true, Optional.of(20.0), 10, T0, "OK");

        assertThat(PolicyDecision.decide(group(3, 10, Instant.EPOCH), simple, ok, T0))
                .hasValueSatisfying(c -> assertThat(c.cause("p", T0)).contains("in state OK triggered policy p"));
        assertThat(PolicyDecision.decide(group(3, 10, Instant.EPOCH), simple, alarming, T0)).isEmpty();
    }

    @Test
    void aSimplePolicyWaitsForTheGroupsCooldown() {
        ScalingPolicy simple = policy(ScalingPolicy.SIMPLE, "ChangeInCapacity", -1, List.of(), -1, null, Instant.EPOCH);
        PolicyDecision.AlarmState low = alarm("low", "ALARM", 5, 10, T0);

        assertThat(PolicyDecision.decide(group(3, 10, T0), simple, low, T0.plusSeconds(299))).isEmpty();
        assertThat(PolicyDecision.decide(group(3, 10, T0), simple, low, T0.plusSeconds(300)))
                .contains(new PolicyDecision.Change(3, 2, "low"));
        // never below the group's minimum
        assertThat(PolicyDecision.decide(group(1, 10, T0), simple, low, T0.plusSeconds(300))).isEmpty();
    }

    @Test
    void targetTrackingMovesTheCapacityToWhatBringsTheMetricToTheTarget() {
        var tt = new ScalingPolicy.TargetTracking(50, false, "", "",
                new ScalingPolicy.TrackedMetric("App", "Load", Map.of(), "Average", ""));
        ScalingPolicy tracking = policy(ScalingPolicy.TARGET_TRACKING, "", 0, List.of(), 0, tt, Instant.EPOCH);
        String high = "TargetTracking-g-AlarmHigh-1";
        String low = "TargetTracking-g-AlarmLow-1";

        assertThat(PolicyDecision.decide(group(2, 10, Instant.EPOCH), tracking, alarm(high, "ALARM", 120, 50, T0), T0))
                .contains(new PolicyDecision.Change(2, 5, high));
        assertThat(PolicyDecision.decide(group(4, 10, Instant.EPOCH), tracking, alarm(low, "ALARM", 20, 45, T0), T0))
                .contains(new PolicyDecision.Change(4, 2, low));
        // AlarmHigh never scales in, and a disabled scale-in keeps the capacity
        assertThat(PolicyDecision.decide(group(4, 10, Instant.EPOCH), tracking, alarm(high, "ALARM", 20, 50, T0), T0)).isEmpty();
        ScalingPolicy noScaleIn = policy(ScalingPolicy.TARGET_TRACKING, "", 0, List.of(), 0,
                new ScalingPolicy.TargetTracking(50, true, "", "", tt.metric()), Instant.EPOCH);
        assertThat(PolicyDecision.decide(group(4, 10, Instant.EPOCH), noScaleIn, alarm(low, "ALARM", 20, 45, T0), T0)).isEmpty();
    }

    @Test
    void targetTrackingActsOncePerEvaluationOfItsAlarm() {
        var tt = new ScalingPolicy.TargetTracking(50, false, "", "",
                new ScalingPolicy.TrackedMetric("App", "Load", Map.of(), "Average", ""));
        Instant acted = T0.plusSeconds(60);
        ScalingPolicy justActed = policy(ScalingPolicy.TARGET_TRACKING, "", 0, List.of(), 10, tt, acted);
        String high = "TargetTracking-g-AlarmHigh-1";
        Instant later = acted.plusSeconds(30);
        var sameDatapoint = new PolicyDecision.AlarmState(high, "ALARM", true, Optional.of(120.0), 50, T0, "ALARM",
                Optional.of(acted.minusSeconds(1)));
        var newDatapoint = new PolicyDecision.AlarmState(high, "ALARM", true, Optional.of(120.0), 50, T0, "ALARM",
                Optional.of(acted.plusSeconds(20)));

        assertThat(PolicyDecision.decide(group(5, 20, acted), justActed, sameDatapoint, later))
                .as("the datapoint it acted on is not acted on again once the warmup passed").isEmpty();
        assertThat(PolicyDecision.decide(group(5, 20, acted), justActed, newDatapoint, later))
                .contains(new PolicyDecision.Change(5, 12, high));
    }
}
