package berth.asg.core;

import berth.autoscaling.core.CapacityDecisions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a group's policy does while one of the alarms naming it is as it is now, as EC2 Auto Scaling
 * does it: nothing unless the policy is enabled and the alarm, with actions enabled, is in the state
 * whose actions name the policy (ALARM, or OK for its OKActions). A
 * simple policy applies its adjustment once the cooldown since the group's last scaling passed. A step
 * policy applies the step holding the breach (the alarm's latest value minus its threshold) when the
 * alarm entered ALARM after the policy last acted, or again once the instance warmup since then passed.
 * A target tracking policy's AlarmHigh scales out and its AlarmLow in (unless scale-in is disabled) to
 * {@code ceil(current · value / target)}, once the warmup since it last acted passed and on a datapoint
 * evaluated after that (each evaluation is acted on once, as CloudWatch invokes the policy). Within the
 * group's bounds; no change when the capacity would stay. Pure.
 */
public final class PolicyDecision {
    private PolicyDecision() {}

    /**
     * An alarm naming the policy, as the decision needs it; {@code actingState} is the state in which
     * the alarm invokes the policy (ALARM for its AlarmActions, OK for its OKActions); {@code evaluated}
     * when the evaluation that saw {@code latestValue} ran (empty when not known).
     */
    public record AlarmState(String name, String state, boolean actionsEnabled, Optional<Double> latestValue,
                             double threshold, Instant stateUpdated, String actingState, Optional<Instant> evaluated) {
        public AlarmState(String name, String state, boolean actionsEnabled, Optional<Double> latestValue,
                          double threshold, Instant stateUpdated, String actingState) {
            this(name, state, actionsEnabled, latestValue, threshold, stateUpdated, actingState, Optional.empty());
        }

        public AlarmState(String name, String state, boolean actionsEnabled, Optional<Double> latestValue,
                          double threshold, Instant stateUpdated) {
            this(name, state, actionsEnabled, latestValue, threshold, stateUpdated, "ALARM");
        }
    }

    /** A new desired capacity and why, in the words of the activity AWS records. */
    public record Change(int from, int to, String alarmName, String state) {
        public Change(int from, int to, String alarmName) {
            this(from, to, alarmName, "ALARM");
        }

        public String cause(String policyName, Instant at) {
            return "At " + at + " a monitor alarm " + alarmName + " in state " + state + " triggered policy " + policyName
                    + " changing the desired capacity from " + from + " to " + to + ".";
        }
    }

    public static Optional<Change> decide(Group group, ScalingPolicy policy, AlarmState alarm, Instant now) {
        if (!policy.enabled() || !alarm.state().equals(alarm.actingState()) || !alarm.actionsEnabled()) {
            return Optional.empty();
        }
        int current = group.desiredCapacity();
        int wanted;
        switch (policy.policyType()) {
            case ScalingPolicy.SIMPLE -> {
                int cooldown = policy.cooldown() >= 0 ? policy.cooldown() : group.defaultCooldown();
                if (now.isBefore(group.lastScaledAt().plusSeconds(cooldown))) {
                    return Optional.empty();
                }
                wanted = policy.desiredFrom(current, group.minSize(), group.maxSize());
            }
            case ScalingPolicy.STEP -> {
                if (alarm.latestValue().isEmpty() || warmingUp(group, policy, alarm, now)) {
                    return Optional.empty();
                }
                double breach = alarm.latestValue().get() - alarm.threshold();
                Optional<ScalingPolicy.StepAdjustment> step = policy.stepFor(breach);
                if (step.isEmpty()) {
                    return Optional.empty();
                }
                wanted = policy.desiredFrom(step.get(), current, group.minSize(), group.maxSize());
            }
            case ScalingPolicy.TARGET_TRACKING -> {
                ScalingPolicy.TargetTracking tt = policy.targetTracking();
                if (alarm.latestValue().isEmpty() || tt == null || warmingUp(group, policy, alarm, now)
                        || alarm.evaluated().map(e -> !e.isAfter(policy.lastActedAt())).orElse(false)) {
                    // each evaluation's datapoint is acted on once: after a change the policy waits for a new one
                    return Optional.empty();
                }
                boolean high = alarm.name().contains("-AlarmHigh-");
                double value = alarm.latestValue().get();
                int tracked = current == 0 ? (high ? 1 : 0) : CapacityDecisions.tracking(current, value, tt.targetValue());
                if (high ? tracked <= current : tt.disableScaleIn() || tracked >= current) {
                    return Optional.empty();
                }
                wanted = CapacityDecisions.clamp(tracked, group.minSize(), group.maxSize());
            }
            default -> {
                return Optional.empty();
            }
        }
        return wanted == current ? Optional.empty()
                : Optional.of(new Change(current, wanted, alarm.name(), alarm.actingState()));
    }

    /** The policy acted since the alarm entered ALARM and its instances are still warming up. */
    private static boolean warmingUp(Group group, ScalingPolicy policy, AlarmState alarm, Instant now) {
        Duration warmup = Duration.ofSeconds(policy.estimatedInstanceWarmup() >= 0 ? policy.estimatedInstanceWarmup()
                : group.defaultCooldown());
        return policy.lastActedAt().isAfter(alarm.stateUpdated()) && now.isBefore(policy.lastActedAt().plus(warmup));
    }
}
