package berth.cloudwatch;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch's alarms as other modules use them, published on the platform: Application Auto
 * Scaling reads the state of the alarms whose actions name its policies (level-triggered: a policy
 * acts while its alarm is in ALARM, as AWS invokes it again while the alarm stays there), and creates
 * and deletes the alarms a target tracking policy owns.
 */
public interface MetricAlarms {

    /** An alarm's state and what its last evaluation saw. */
    record AlarmView(String name, String arn, String state, boolean actionsEnabled, List<String> alarmActions,
                     List<String> okActions, Optional<Double> latestValue, double threshold, String comparisonOperator,
                     Instant stateUpdated) {}

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
