package berth.autoscaling.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a target's dynamic scaling from its policies and the state of their alarms, as
 * Application Auto Scaling does: a step policy whose alarm is in ALARM applies the step holding the
 * breach (again each {@code reinvoke} while the alarm stays there), after its cooldown; a target
 * tracking policy scales out while its AlarmHigh is in ALARM and in while its AlarmLow is, to the
 * capacity that brings the metric to the target, after the scale-out or scale-in cooldown, once per
 * evaluation of its alarm (as CloudWatch invokes the policy once per evaluation). Several
 * policies: the largest scale-out wins; scale-in only when no policy scales out. Pure.
 */
public final class DynamicScaling {
    private DynamicScaling() {}

    /**
     * An alarm naming a policy, as the decision needs it.
     *
     * @param evaluated when the evaluation that saw {@code latestValue} ran
     */
    public record AlarmState(String name, String state, boolean actionsEnabled, Optional<Double> latestValue,
                             double threshold, Instant stateUpdated, Optional<Instant> evaluated) {
        boolean alarming() {
            return state.equals("ALARM") && actionsEnabled && latestValue.isPresent();
        }
    }

    public record PolicyState(ScalingPolicy policy, List<AlarmState> alarms) {}

    /** A change of capacity and why. */
    public record Change(int capacity, boolean out, ScalingPolicy policy, String alarmName) {
        public String cause() {
            return "monitor alarm " + alarmName + " in state ALARM triggered policy " + policy.name();
        }
    }

    public static Optional<Change> decide(ScalableTarget target, int current, List<PolicyState> policies, Instant now,
                                          Duration reinvoke) {
        Change out = null;
        Change in = null;
        for (PolicyState p : policies) {
            for (AlarmState alarm : p.alarms()) {
                if (!alarm.alarming()) continue;
                Optional<Change> proposed = propose(target, current, p.policy(), alarm, now, reinvoke);
                if (proposed.isEmpty()) continue;
                Change c = proposed.get();
                if (c.out() && (out == null || c.capacity() > out.capacity())) out = c;
                if (!c.out() && (in == null || c.capacity() > in.capacity())) in = c;
            }
        }
        if (out != null) {
            return target.dynamicScalingOutSuspended() ? Optional.empty() : Optional.of(out);
        }
        if (in != null && !target.dynamicScalingInSuspended()) {
            return Optional.of(in);
        }
        return Optional.empty();
    }

    private static Optional<Change> propose(ScalableTarget target, int current, ScalingPolicy policy, AlarmState alarm,
                                            Instant now, Duration reinvoke) {
        int wanted;
        Duration cooldown;
        double value = alarm.latestValue().orElseThrow();
        if (policy.stepScaling() != null) {
            if (policy.lastAction() != null && policy.lastAction().isAfter(alarm.stateUpdated())
                    && now.isBefore(policy.lastAction().plus(reinvoke))) {
                return Optional.empty();
            }
            Optional<Integer> stepped = CapacityDecisions.step(policy.stepScaling(), current, value, alarm.threshold());
            if (stepped.isEmpty()) return Optional.empty();
            wanted = stepped.get();
            cooldown = Duration.ofSeconds(policy.stepScaling().cooldown());
        } else if (policy.targetTracking() != null) {
            ScalingPolicy.TargetTracking tt = policy.targetTracking();
            if (policy.lastAction() != null && alarm.evaluated().map(e -> !e.isAfter(policy.lastAction())).orElse(true)) {
                // each evaluation's datapoint is acted on once: the capacity it asks for was computed
                // from the capacity of its time, so after a change the policy waits for a new one
                return Optional.empty();
            }
            wanted = CapacityDecisions.tracking(current, value, tt.targetValue());
            boolean high = alarm.name().contains("-AlarmHigh-");
            if (high && wanted <= current || !high && (wanted >= current || tt.disableScaleIn())) {
                return Optional.empty();
            }
            cooldown = Duration.ofSeconds(wanted > current ? tt.scaleOutCooldown() : tt.scaleInCooldown());
        } else {
            return Optional.empty();
        }
        int capacity = CapacityDecisions.clamp(wanted, target.minCapacity(), target.maxCapacity());
        if (capacity == current) return Optional.empty();
        boolean out = capacity > current;
        Instant last = out ? target.lastScaleOut() : target.lastScaleIn();
        if (last != null && now.isBefore(last.plus(cooldown))) return Optional.empty();
        if (!out && policy.targetTracking() != null && target.lastScaleOut() != null
                && now.isBefore(target.lastScaleOut().plusSeconds(policy.targetTracking().scaleOutCooldown()))) {
            // no scale-in during a scale-out cooldown
            return Optional.empty();
        }
        return Optional.of(new Change(capacity, out, policy, alarm.name()));
    }
}
