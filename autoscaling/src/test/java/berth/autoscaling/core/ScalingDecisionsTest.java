package berth.autoscaling.core;

import berth.aws.text.Schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Step scaling, target tracking, cooldowns, suspension and schedules, decided with an injected time. */
class ScalingDecisionsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static ScalableTarget target(int min, int max, Instant lastOut, Instant lastIn, boolean outSuspended) {
        return new ScalableTarget("1", "r", "ecs", "service/c/s", "ecs:service:DesiredCount", min, max, "role", false,
                outSuspended, false, T0, "arn", Map.of(), lastOut, lastIn);
    }

    private static final ScalingPolicy.StepScaling STEPS = new ScalingPolicy.StepScaling("ChangeInCapacity", List.of(
            new ScalingPolicy.Step(0.0, 10.0, 1), new ScalingPolicy.Step(10.0, null, 3)), 0, 60, "Average");

    private static ScalingPolicy step(Instant lastAction) {
        return new ScalingPolicy("1", "r", "p", "arn:p", "ecs", "service/c/s", "ecs:service:DesiredCount",
                ScalingPolicy.STEP, null, STEPS, List.of(), T0, lastAction);
    }

    private static ScalingPolicy tracking(boolean disableScaleIn) {
        return new ScalingPolicy("1", "r", "tt", "arn:tt", "ecs", "service/c/s", "ecs:service:DesiredCount",
                ScalingPolicy.TARGET_TRACKING, new ScalingPolicy.TargetTracking(100, "ALBRequestCountPerTarget", "x",
                new ScalingPolicy.TrackedMetric("AWS/ApplicationELB", "RequestCountPerTarget", Map.of(), "Sum", ""),
                30, 60, disableScaleIn), null, List.of(), T0, null);
    }

    private static DynamicScaling.AlarmState alarm(String name, String state, double value, double threshold) {
        return new DynamicScaling.AlarmState(name, state, true, Optional.of(value), threshold, T0.minusSeconds(5),
                Optional.of(T0.minusSeconds(1)));
    }

    @Test
    void stepsApplyByTheBreachAboveTheThreshold() {
        assertThat(CapacityDecisions.step(STEPS, 2, 55, 50)).contains(3);
        assertThat(CapacityDecisions.step(STEPS, 2, 75, 50)).contains(5);
        assertThat(CapacityDecisions.step(STEPS, 2, 45, 50)).isEmpty();
        var percent = new ScalingPolicy.StepScaling("PercentChangeInCapacity", List.of(new ScalingPolicy.Step(0.0, null, 10)),
                2, 0, "Average");
        assertThat(CapacityDecisions.step(percent, 4, 60, 50)).as("min adjustment magnitude").contains(6);
        var exact = new ScalingPolicy.StepScaling("ExactCapacity", List.of(new ScalingPolicy.Step(null, null, 7)), 0, 0, "Average");
        assertThat(CapacityDecisions.step(exact, 1, 0, 50)).contains(7);
    }

    @Test
    void targetTrackingScalesToBringTheMetricToTheTarget() {
        assertThat(CapacityDecisions.tracking(2, 350, 100)).isEqualTo(7);
        assertThat(CapacityDecisions.tracking(4, 50, 100)).isEqualTo(2);
        assertThat(CapacityDecisions.tracking(0, 10, 5)).isEqualTo(1);
    }

    @Test
    void aStepPolicyActsOnceThenAgainOnlyAfterItsReinvokeInterval() {
        ScalableTarget t = target(1, 10, null, null, false);
        var alarming = List.of(alarm("a", "ALARM", 55, 50));
        Duration reinvoke = Duration.ofSeconds(60);
        assertThat(DynamicScaling.decide(t, 2, List.of(new DynamicScaling.PolicyState(step(null), alarming)), T0, reinvoke))
                .map(DynamicScaling.Change::capacity).contains(3);
        assertThat(DynamicScaling.decide(t, 3, List.of(new DynamicScaling.PolicyState(step(T0), alarming)),
                T0.plusSeconds(10), reinvoke)).isEmpty();
        ScalableTarget cooled = target(1, 10, T0, null, false);
        assertThat(DynamicScaling.decide(cooled, 3, List.of(new DynamicScaling.PolicyState(step(T0), alarming)),
                T0.plusSeconds(61), reinvoke)).map(DynamicScaling.Change::capacity).contains(4);
        assertThat(DynamicScaling.decide(t, 2, List.of(new DynamicScaling.PolicyState(step(null),
                List.of(alarm("a", "OK", 55, 50)))), T0, reinvoke)).isEmpty();
    }

    @Test
    void targetTrackingHonoursCooldownsLimitsAndSuspension() {
        var high = List.of(alarm("TargetTracking-x-AlarmHigh-1", "ALARM", 500, 100));
        var low = List.of(alarm("TargetTracking-x-AlarmLow-1", "ALARM", 20, 90));
        Duration r = Duration.ofSeconds(60);
        assertThat(DynamicScaling.decide(target(1, 4, null, null, false), 1,
                List.of(new DynamicScaling.PolicyState(tracking(false), high)), T0, r)).map(DynamicScaling.Change::capacity)
                .as("clamped to the maximum").contains(4);
        assertThat(DynamicScaling.decide(target(1, 10, T0.minusSeconds(10), null, false), 1,
                List.of(new DynamicScaling.PolicyState(tracking(false), high)), T0, r)).as("scale-out cooldown").isEmpty();
        assertThat(DynamicScaling.decide(target(1, 10, null, null, true), 1,
                List.of(new DynamicScaling.PolicyState(tracking(false), high)), T0, r)).as("scale-out suspended").isEmpty();
        assertThat(DynamicScaling.decide(target(1, 10, null, null, false), 4,
                List.of(new DynamicScaling.PolicyState(tracking(false), low)), T0, r)).map(DynamicScaling.Change::capacity)
                .contains(1);
        assertThat(DynamicScaling.decide(target(2, 10, null, null, false), 4,
                List.of(new DynamicScaling.PolicyState(tracking(false), low)), T0, r)).map(DynamicScaling.Change::capacity)
                .as("not below the minimum").contains(2);
        assertThat(DynamicScaling.decide(target(1, 10, null, null, false), 4,
                List.of(new DynamicScaling.PolicyState(tracking(true), low)), T0, r)).as("scale-in disabled").isEmpty();
        assertThat(DynamicScaling.decide(target(1, 10, null, T0.minusSeconds(30), false), 4,
                List.of(new DynamicScaling.PolicyState(tracking(false), low)), T0, r)).as("scale-in cooldown").isEmpty();
    }

    @Test
    void targetTrackingActsOnceOnEachEvaluationOfItsAlarm() {
        // backlog per task 40 against a target of 5 at 1 task: 8 tasks, once; the same datapoint read
        // again at 8 tasks after the cooldown would ask for 64
        Duration r = Duration.ofSeconds(60);
        ScalingPolicy policy = new ScalingPolicy("1", "r", "tt", "arn:tt", "ecs", "service/c/s", "ecs:service:DesiredCount",
                ScalingPolicy.TARGET_TRACKING, new ScalingPolicy.TargetTracking(5, "", "", new ScalingPolicy.TrackedMetric(
                "", "", Map.of(), "", ""), 5, 5, false), null, List.of(), T0, null);
        Instant evaluated = T0.minusSeconds(1);
        var high = List.of(new DynamicScaling.AlarmState("TargetTracking-x-AlarmHigh-1", "ALARM", true, Optional.of(40.0), 5,
                T0.minusSeconds(1), Optional.of(evaluated)));
        assertThat(DynamicScaling.decide(target(1, 100, null, null, false), 1,
                List.of(new DynamicScaling.PolicyState(policy, high)), T0, r)).map(DynamicScaling.Change::capacity).contains(8);

        ScalableTarget scaled = target(1, 100, T0, null, false);
        ScalingPolicy acted = policy.acted(T0);
        assertThat(DynamicScaling.decide(scaled, 8, List.of(new DynamicScaling.PolicyState(acted, high)),
                T0.plusSeconds(30), r)).as("the cooldown is over, but the datapoint is the one acted on").isEmpty();
        var next = List.of(new DynamicScaling.AlarmState("TargetTracking-x-AlarmHigh-1", "ALARM", true, Optional.of(10.0), 5,
                T0.minusSeconds(1), Optional.of(T0.plusSeconds(9))));
        assertThat(DynamicScaling.decide(scaled, 8, List.of(new DynamicScaling.PolicyState(acted, next)),
                T0.plusSeconds(30), r)).as("the next evaluation's datapoint").map(DynamicScaling.Change::capacity)
                .contains(16);
        var low = List.of(new DynamicScaling.AlarmState("TargetTracking-x-AlarmLow-1", "ALARM", true, Optional.of(0.0), 4.5,
                T0.minusSeconds(1), Optional.of(evaluated)));
        assertThat(DynamicScaling.decide(target(1, 100, null, T0, false), 3,
                List.of(new DynamicScaling.PolicyState(policy.acted(T0), low)), T0.plusSeconds(30), r))
                .as("nor scales in twice on one datapoint").isEmpty();
    }

    @Test
    void schedulesFireAtTheirTimesInTheirZones() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Schedule at = Schedule.parse("at(2026-03-01T13:30:00)");
        assertThat(at.lastDue(T0, Instant.parse("2026-03-01T12:29:00Z"), berlin, T0)).isEmpty();
        assertThat(at.lastDue(T0, Instant.parse("2026-03-01T12:30:05Z"), berlin, T0))
                .contains(Instant.parse("2026-03-01T12:30:00Z"));
        Schedule rate = Schedule.parse("rate(5 minutes)");
        assertThat(rate.lastDue(T0, T0.plusSeconds(299), ZoneId.of("UTC"), T0)).isEmpty();
        assertThat(rate.lastDue(T0, T0.plusSeconds(601), ZoneId.of("UTC"), T0)).contains(T0.plusSeconds(600));
        Schedule cron = Schedule.parse("cron(15 8 ? * MON-FRI *)");
        assertThat(cron.lastDue(T0, Instant.parse("2026-03-02T07:16:00Z"), berlin, T0)).as("Monday 08:15 Berlin")
                .contains(Instant.parse("2026-03-02T07:15:00Z"));
        assertThat(cron.lastDue(T0, Instant.parse("2026-03-01T23:00:00Z"), berlin, T0)).as("not on Sunday").isEmpty();
        assertThat(Schedule.parse("cron(0 0 L * ? *)").lastDue(T0, Instant.parse("2026-03-31T00:01:00Z"),
                ZoneId.of("UTC"), T0)).contains(Instant.parse("2026-03-31T00:00:00Z"));
        assertThatThrownBy(() -> Schedule.parse("rate(0 minutes)")).isInstanceOf(Schedule.Invalid.class);
        assertThatThrownBy(() -> Schedule.parse("cron(61 * * * ? *)")).isInstanceOf(Schedule.Invalid.class);
        assertThatThrownBy(() -> Schedule.parse("every day")).isInstanceOf(Schedule.Invalid.class);
    }

    @Test
    void aScheduledActionSetsTheLimitsWithinItsWindow() {
        ScheduledAction action = new ScheduledAction("1", "r", "n", "arn", "ecs", "service/c/s", "ecs:service:DesiredCount",
                "at(2026-03-01T12:10:00)", "UTC", null, null, 3, 6, T0, T0);
        assertThat(ScheduledScaling.due(action, T0.plusSeconds(599))).isEmpty();
        assertThat(ScheduledScaling.due(action, T0.plusSeconds(601))).isPresent();
        assertThat(ScheduledScaling.due(action.ran(T0.plusSeconds(601)), T0.plusSeconds(700))).as("once").isEmpty();
        ScalableTarget t = ScheduledScaling.apply(target(1, 2, null, null, false), action);
        assertThat(t.minCapacity()).isEqualTo(3);
        assertThat(t.maxCapacity()).isEqualTo(6);
        assertThat(ScheduledScaling.describe(action)).isEqualTo("min capacity to 3 and max capacity to 6");
    }
}
