package berth.asg.control;

import berth.asg.core.ScalingPolicy;
import berth.aws.Scope;
import berth.cloudwatch.MetricAlarms;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alarms of groups' scaling policies, through CloudWatch's published {@link MetricAlarms}: the
 * alarms naming a policy in their actions, and the two a target tracking policy owns, named as EC2
 * Auto Scaling names them ({@code TargetTracking-<group>-AlarmHigh-<uuid>}: the metric above the target
 * for {@code highPeriods} periods; {@code -AlarmLow-<uuid>}: below 90% of it for {@code lowPeriods}; no
 * AlarmLow when scale-in is disabled). The period is 60 s on AWS; berth's may be shorter by configuration.
 */
public final class PolicyAlarms {
    private final Supplier<Optional<MetricAlarms>> alarms;
    private final int period;
    private final int highPeriods;
    private final int lowPeriods;

    public PolicyAlarms(Supplier<Optional<MetricAlarms>> alarms, int period, int highPeriods, int lowPeriods) {
        this.alarms = alarms;
        this.period = period;
        this.highPeriods = highPeriods;
        this.lowPeriods = lowPeriods;
    }

    public boolean available() {
        return alarms.get().isPresent();
    }

    /** The alarms of {@code scope} one of whose actions is the policy's ARN. */
    public List<MetricAlarms.AlarmView> naming(Scope scope, String policyArn) {
        return alarms.get().map(a -> a.withAction(scope, policyArn)).orElse(List.of());
    }

    /** Creates or replaces a target tracking policy's alarms, keeping the names it has; answers their names. */
    public List<String> track(Scope scope, String group, String policyArn, ScalingPolicy.TargetTracking tt,
                              List<String> existing) {
        ScalingPolicy.TrackedMetric m = tt.metric();
        return alarms.get().orElseThrow().putTargetTracking(scope, group, policyArn, tt.targetValue(), tt.disableScaleIn(),
                new MetricAlarms.TrackedMetric(m.namespace(), m.metricName(), m.dimensions(), m.statistic(), m.unit(), List.of()),
                new MetricAlarms.TrackingPeriods(period, highPeriods, lowPeriods), existing);
    }

    /** Deletes the alarms a policy owns (target tracking's two). */
    public void release(ScalingPolicy policy) {
        alarms.get().ifPresent(a -> policy.alarmNames().forEach(n -> a.delete(new Scope(policy.accountId(), policy.region()), n)));
    }
}
