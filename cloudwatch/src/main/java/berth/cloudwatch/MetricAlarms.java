package berth.cloudwatch;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * CloudWatch's alarms as other modules use them, published on the platform: Application Auto
 * Scaling reads the state of the alarms whose actions name its policies (level-triggered: a policy
 * acts while its alarm is in ALARM, as AWS invokes it again while the alarm stays there), and creates
 * and deletes the alarms a target tracking policy owns (Application Auto Scaling's and EC2 Auto
 * Scaling's alike: {@link #putTargetTracking}).
 */
public interface MetricAlarms {

    /**
     * An alarm's state and what its last evaluation saw.
     *
     * @param evaluated when that evaluation ran; empty when the alarm was never evaluated
     */
    record AlarmView(String name, String arn, String state, boolean actionsEnabled, List<String> alarmActions,
                     List<String> okActions, Optional<Double> latestValue, double threshold, String comparisonOperator,
                     Instant stateUpdated, Optional<Instant> evaluated) {}

    /**
     * An alarm to create or replace: on one metric (namespace, metricName, dimensions, statistic,
     * unit), or on metric math over {@code metrics} (those then empty).
     */
    record AlarmSpec(String name, String description, String namespace, String metricName, Map<String, String> dimensions,
                     String statistic, String unit, int period, int evaluationPeriods, int datapointsToAlarm,
                     double threshold, String comparisonOperator, String treatMissingData, List<String> alarmActions,
                     List<Query> metrics) {
        public AlarmSpec {
            metrics = List.copyOf(metrics);
        }

        public AlarmSpec(String name, String description, String namespace, String metricName,
                         Map<String, String> dimensions, String statistic, String unit, int period, int evaluationPeriods,
                         int datapointsToAlarm, double threshold, String comparisonOperator, String treatMissingData,
                         List<String> alarmActions) {
            this(name, description, namespace, metricName, dimensions, statistic, unit, period, evaluationPeriods,
                    datapointsToAlarm, threshold, comparisonOperator, treatMissingData, alarmActions, List.of());
        }
    }

    /**
     * One query of an alarm on metric math: a metric with its statistic and period, or (with
     * {@code expression} not empty) an expression over the other queries' ids.
     *
     * @param period the metric's period in seconds; 0 for an expression
     */
    record Query(String id, String expression, String label, String namespace, String metricName,
                 Map<String, String> dimensions, String stat, String unit, int period, boolean returnData) {
        public Query {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /**
     * The metric a target tracking policy follows: one metric with its statistic and unit, or (with
     * {@code metrics} not empty, the others then empty) metric math over queries.
     */
    record TrackedMetric(String namespace, String metricName, Map<String, String> dimensions, String statistic, String unit,
                         List<Query> metrics) {
        public TrackedMetric {
            dimensions = Map.copyOf(dimensions);
            metrics = List.copyOf(metrics);
        }
    }

    /** A target tracking policy's alarm periods: seconds per period, and how many periods each alarm waits. */
    record TrackingPeriods(int period, int highPeriods, int lowPeriods) {}

    /**
     * Creates or replaces the two alarms a target tracking policy owns, named and shaped as Application
     * Auto Scaling and EC2 Auto Scaling make them: {@code TargetTracking-<resource>-AlarmHigh-<uuid>}
     * (the metric above the target for {@code highPeriods} periods: scale out) and
     * {@code ...-AlarmLow-<uuid>} (below 90% of it for {@code lowPeriods}: scale in; deleted when
     * scale-in is disabled). The names in {@code existing} are kept. Answers the alarms' names.
     */
    default List<String> putTargetTracking(Scope scope, String resource, String policyArn, double targetValue,
                                           boolean disableScaleIn, TrackedMetric m, TrackingPeriods periods,
                                           List<String> existing) {
        String prefix = "TargetTracking-" + resource + "-";
        String high = existing.stream().filter(n -> n.contains("-AlarmHigh-")).findFirst()
                .orElse(prefix + "AlarmHigh-" + UUID.randomUUID());
        String low = existing.stream().filter(n -> n.contains("-AlarmLow-")).findFirst()
                .orElse(prefix + "AlarmLow-" + UUID.randomUUID());
        String description = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policyArn + ".";
        put(scope, new AlarmSpec(high, description, m.namespace(), m.metricName(), m.dimensions(), m.statistic(), m.unit(),
                periods.period(), periods.highPeriods(), periods.highPeriods(), targetValue, "GreaterThanThreshold",
                "missing", List.of(policyArn), m.metrics()));
        if (disableScaleIn) {
            delete(scope, low);
            return List.of(high);
        }
        put(scope, new AlarmSpec(low, description, m.namespace(), m.metricName(), m.dimensions(), m.statistic(), m.unit(),
                periods.period(), periods.lowPeriods(), periods.lowPeriods(), targetValue * 0.9, "LessThanThreshold",
                "missing", List.of(policyArn), m.metrics()));
        return List.of(high, low);
    }

    /** Why CloudWatch would refuse an alarm over these queries; empty when it would take them. */
    Optional<String> problem(List<Query> metrics);

    /** The alarms of a scope one of whose actions is {@code actionArn}. */
    List<AlarmView> withAction(Scope scope, String actionArn);

    /** The alarm named {@code name}; empty when there is none. */
    Optional<AlarmView> find(Scope scope, String name);

    /** Creates or replaces an alarm, keeping its state when it exists. */
    void put(Scope scope, AlarmSpec spec);

    /** Deletes an alarm if it exists. */
    void delete(Scope scope, String name);
}
