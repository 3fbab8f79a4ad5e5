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

    /** An alarm to create or replace. */
    record AlarmSpec(String name, String description, String namespace, String metricName, Map<String, String> dimensions,
                     String statistic, String unit, int period, int evaluationPeriods, int datapointsToAlarm,
                     double threshold, String comparisonOperator, String treatMissingData, List<String> alarmActions) {}

    /** The alarms of a scope one of whose actions is {@code actionArn}. */
    List<AlarmView> withAction(Scope scope, String actionArn);

    /** The alarm named {@code name}; empty when there is none. */
    Optional<AlarmView> find(Scope scope, String name);

    /** Creates or replaces an alarm, keeping its state when it exists. */
    void put(Scope scope, AlarmSpec spec);

    /** Deletes an alarm if it exists. */
    void delete(Scope scope, String name);
}
