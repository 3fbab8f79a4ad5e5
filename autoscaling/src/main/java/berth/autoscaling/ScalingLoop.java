package berth.autoscaling;

import berth.autoscaling.core.CapacityDecisions;
import berth.autoscaling.core.DynamicScaling;
import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingActivity;
import berth.autoscaling.core.ScalingPolicy;
import berth.autoscaling.core.ScheduledAction;
import berth.autoscaling.core.ScheduledScaling;
import berth.autoscaling.state.ScalingRecords;
import berth.cloudwatch.MetricAlarms;
import berth.ecs.ServiceCapacity;
import berth.platform.WakeableLoop;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaler: each pass, for every scalable target, runs the scheduled actions that are due, keeps
 * the service's desired count within the target's limits, and applies the dynamic scaling its
 * policies' alarms ask for ({@link DynamicScaling}), through ECS's {@link ServiceCapacity}; each
 * change is a scaling activity. Level-triggered: it re-reads targets, alarms and counts every pass
 * (on a change of its records or of an alarm, and every {@code interval}).
 */
public final class ScalingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScalingLoop.class);

    private final ScalingRecords records;
    private final MetricAlarms alarms;
    private final ServiceCapacity capacity;
    private final Clock clock;
    private final Duration interval;
    private final Duration reinvoke;
    private final WakeableLoop loop;

    public ScalingLoop(Store store, ScalingRecords records, MetricAlarms alarms, ServiceCapacity capacity, Clock clock,
                       Duration interval, Duration reinvoke) {
        this.records = records;
        this.alarms = alarms;
        this.capacity = capacity;
        this.clock = clock;
        this.interval = interval;
        this.reinvoke = reinvoke;
        this.loop = new WakeableLoop("autoscaling", store, clock, List.of(ScalingRecords.TARGET_KIND,
                ScalingRecords.POLICY_KIND, ScalingRecords.SCHEDULED_KIND, "cloudwatch.alarm"), Duration.ofMillis(200), this::pass);
    }

    public void start() {
        loop.start();
    }

    public void wake() {
        loop.wake();
    }

    private Instant pass() {
        Instant now = clock.instant();
        for (ScalableTarget target : records.targets.list("")) {
            try {
                scale(target, now);
            } catch (RuntimeException e) {
                LOG.warn("scaling {} of account {} region {} failed", target.resourceId(), target.accountId(),
                        target.region(), e);
            }
        }
        return now.plus(interval);
    }

    private void scale(ScalableTarget target, Instant now) {
        String[] service = target.ecsService();
        Optional<ServiceCapacity.Counts> counts = capacity.find(target.scope(), service[0], service[1]);
        if (counts.isEmpty()) {
            return;
        }
        String key = records.targets.keyOf(target);
        if (!target.scheduledScalingSuspended()) {
            for (ScheduledAction action : records.scheduledOf(target)) {
                Optional<Instant> due = ScheduledScaling.due(action, now);
                if (due.isEmpty()) continue;
                target = ScheduledScaling.apply(target, action);
                ScalableTarget limited = target;
                records.targets.update(key, t -> t.withCapacity(limited.minCapacity(), limited.maxCapacity()));
                records.scheduled.update(records.scheduled.keyOf(action), a -> a.ran(now));
                String change = ScheduledScaling.describe(action);
                activity(target, "Setting " + change, "scheduled action name " + action.name() + " was triggered",
                        "Successfully set " + change, now);
                LOG.info("scheduled action {} of {} set {}", action.name(), target.resourceId(), change);
            }
        }
        int current = counts.get().desired();
        int clamped = CapacityDecisions.clamp(current, target.minCapacity(), target.maxCapacity());
        if (clamped != current) {
            set(target, clamped, clamped < current ? "maximum capacity was set to " + target.maxCapacity()
                    : "minimum capacity was set to " + target.minCapacity(), now);
            return;
        }
        List<DynamicScaling.PolicyState> states = new ArrayList<>();
        for (ScalingPolicy policy : records.policiesOf(target)) {
            List<DynamicScaling.AlarmState> views = alarms.withAction(target.scope(), policy.arn()).stream()
                    .filter(a -> a.alarmActions().contains(policy.arn()))
                    .map(a -> new DynamicScaling.AlarmState(a.name(), a.state(), a.actionsEnabled(), a.latestValue(),
                            a.threshold(), a.stateUpdated(), a.evaluated())).toList();
            states.add(new DynamicScaling.PolicyState(policy, views));
        }
        Optional<DynamicScaling.Change> change = DynamicScaling.decide(target, current, states, now, reinvoke);
        if (change.isEmpty()) {
            return;
        }
        DynamicScaling.Change c = change.get();
        records.policies.update(records.policies.keyOf(c.policy()), p -> p.acted(now));
        records.targets.update(key, t -> t.scaled(c.out(), now));
        set(target, c.capacity(), c.cause(), now);
    }

    private void set(ScalableTarget target, int desired, String cause, Instant now) {
        String[] service = target.ecsService();
        boolean done = capacity.setDesiredCount(target.scope(), service[0], service[1], desired);
        activity(target, "Setting desired count to " + desired + ".", cause, done
                ? "Successfully set desired count to " + desired + ". Change successfully fulfilled by ecs."
                : "Failed to set desired count to " + desired + ". ECS service doesn't exist: " + target.resourceId(), now,
                done ? "Successful" : "Failed");
        LOG.info("{} of account {} region {}: desired count {} ({})", target.resourceId(), target.accountId(),
                target.region(), desired, cause);
    }

    private void activity(ScalableTarget target, String description, String cause, String message, Instant now) {
        activity(target, description, cause, message, now, "Successful");
    }

    private void activity(ScalableTarget target, String description, String cause, String message, Instant now,
                          String status) {
        records.record(new ScalingActivity(target.accountId(), target.region(), UUID.randomUUID().toString(),
                target.namespace(), target.resourceId(), target.dimension(), description, cause, now, now, status, message,
                records.nextSequence()));
    }

    @Override
    public void close() {
        loop.close();
    }
}
