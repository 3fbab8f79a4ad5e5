package berth.asg.control;

import berth.asg.core.Activity;
import berth.asg.core.Group;
import berth.asg.core.PolicyDecision;
import berth.asg.core.ScalingPolicy;
import berth.asg.state.AsgRecords;
import berth.aws.Scope;
import berth.cloudwatch.MetricAlarms;
import berth.platform.WakeableLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs groups' scaling policies on their alarms, level-triggered: on a change of a policy or an alarm,
 * and every {@code interval}, it reads each policy's alarms (those naming it in their actions) and applies the first change the pure
 * {@link PolicyDecision} asks for, writing the group's desired capacity and the policy's last action
 * and recording the activity; the group loop then launches or terminates. Alarm actions are read, not
 * pushed, as Application Auto Scaling's scaler reads them.
 */
public final class PolicyLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoop.class);

    private final AsgRecords records;
    private final PolicyAlarms alarms;
    private final GroupLoop groups;
    private final Clock clock;
    private final Duration interval;
    private final WakeableLoop loop;

    public PolicyLoop(AsgRecords records, PolicyAlarms alarms, GroupLoop groups, Clock clock, long intervalMillis) {
        this.records = records;
        this.alarms = alarms;
        this.groups = groups;
        this.clock = clock;
        this.interval = Duration.ofMillis(intervalMillis);
        this.loop = new WakeableLoop("berth-asg-policies", records.store(), clock, List.of(AsgRecords.POLICY_KIND,
                "cloudwatch.alarm"), Duration.ofMillis(200), this::pass);
    }

    public void start() {
        loop.start();
    }

    Instant pass() {
        Instant next = clock.instant().plus(interval);
        if (!alarms.available()) {
            return next;
        }
        for (ScalingPolicy policy : records.policies.list("")) {
            try {
                act(policy);
            } catch (RuntimeException e) {
                LOG.warn("policy {} of group {}: {}", policy.name(), policy.groupName(), e.toString());
            }
        }
        return next;
    }

    private void act(ScalingPolicy policy) {
        Scope scope = new Scope(policy.accountId(), policy.region());
        List<MetricAlarms.AlarmView> naming = alarms.naming(scope, policy.arn()).stream()
                .filter(a -> a.alarmActions().contains(policy.arn()) || a.okActions().contains(policy.arn())).toList();
        if (naming.isEmpty()) {
            return;
        }
        Optional<Group> found = records.groups.find(scope.key(policy.groupName())).map(v -> v.value())
                .filter(g -> !g.deleting());
        if (found.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (MetricAlarms.AlarmView a : naming) {
            String acting = a.alarmActions().contains(policy.arn()) && (a.state().equals("ALARM")
                    || !a.okActions().contains(policy.arn())) ? "ALARM" : "OK";
            PolicyDecision.AlarmState alarm = new PolicyDecision.AlarmState(a.name(), a.state(), a.actionsEnabled(),
                    a.latestValue(), a.threshold(), a.stateUpdated(), acting, a.evaluated());
            Optional<PolicyDecision.Change> change = PolicyDecision.decide(found.get(), policy, alarm, now);
            if (change.isEmpty()) {
                continue;
            }
            int to = change.get().to();
            records.groups.update(scope.key(policy.groupName()), g -> g.withSize(g.minSize(), g.maxSize(),
                    Math.max(g.minSize(), Math.min(g.maxSize(), to))).withScaledAt(now));
            records.policies.update(records.policies.keyOf(policy), p -> p.withLastActedAt(now));
            records.record(new Activity(policy.accountId(), policy.region(), policy.groupName(), UUID.randomUUID().toString(),
                    "Executing policy " + policy.name(), change.get().cause(policy.name(), now), now, now, "Successful", "",
                    100, "{}"));
            LOG.info("group {}: alarm {} triggered policy {}, desired capacity {} -> {}", policy.groupName(), a.name(),
                    policy.name(), change.get().from(), to);
            groups.wake();
            return;
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
