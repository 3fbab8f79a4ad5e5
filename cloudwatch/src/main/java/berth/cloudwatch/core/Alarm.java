package berth.cloudwatch.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A metric alarm as stored: its configuration (one metric and statistic, or the queries of a metric
 * math expression, compared with a threshold over evaluation periods) and its current state.
 *
 * @param metrics the queries of an alarm on metric math (namespace, metricName, statistic and unit
 *     are then empty, and period is the returned query's); empty for an alarm on one metric
 * @param datapointsToAlarm M of "M out of N"; equal to evaluationPeriods when not given
 * @param treatMissingData missing, breaching, notBreaching or ignore
 * @param state OK, ALARM or INSUFFICIENT_DATA
 */
public record Alarm(String accountId, String region, String name, String description, String namespace,
                    String metricName, Map<String, String> dimensions, String statistic, int period,
                    int evaluationPeriods, int datapointsToAlarm, double threshold, String comparisonOperator,
                    String treatMissingData, String unit, boolean actionsEnabled, List<String> alarmActions,
                    List<String> okActions, List<String> insufficientDataActions, String state, String stateReason,
                    String stateReasonData, Instant stateUpdated, Instant configurationUpdated,
                    Map<String, String> tags, List<AlarmQuery> metrics) {
    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    public Alarm {
        dimensions = Map.copyOf(dimensions);
        alarmActions = List.copyOf(alarmActions);
        okActions = List.copyOf(okActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        tags = Map.copyOf(tags);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** An alarm on one metric. */
    public Alarm(String accountId, String region, String name, String description, String namespace,
                 String metricName, Map<String, String> dimensions, String statistic, int period,
                 int evaluationPeriods, int datapointsToAlarm, double threshold, String comparisonOperator,
                 String treatMissingData, String unit, boolean actionsEnabled, List<String> alarmActions,
                 List<String> okActions, List<String> insufficientDataActions, String state, String stateReason,
                 String stateReasonData, Instant stateUpdated, Instant configurationUpdated,
                 Map<String, String> tags) {
        this(accountId, region, name, description, namespace, metricName, dimensions, statistic, period,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData, unit,
                actionsEnabled, alarmActions, okActions, insufficientDataActions, state, stateReason, stateReasonData,
                stateUpdated, configurationUpdated, tags, List.of());
    }

    /** Whether the alarm evaluates metric math over {@link #metrics()}. */
    public boolean onMetricMath() {
        return !metrics.isEmpty();
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("cloudwatch", "alarm:" + name);
    }

    public MetricId metric() {
        return new MetricId(namespace, metricName, dimensions);
    }

    public Alarm withState(String newState, String reason, String reasonData, Instant at) {
        return new Alarm(accountId, region, name, description, namespace, metricName, dimensions, statistic, period,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData, unit,
                actionsEnabled, alarmActions, okActions, insufficientDataActions, newState, reason, reasonData, at,
                configurationUpdated, tags, metrics);
    }

    public Alarm withActionsEnabled(boolean enabled, Instant at) {
        return new Alarm(accountId, region, name, description, namespace, metricName, dimensions, statistic, period,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData, unit,
                enabled, alarmActions, okActions, insufficientDataActions, state, stateReason, stateReasonData,
                stateUpdated, at, tags, metrics);
    }

    public Alarm withTags(Map<String, String> newTags) {
        return new Alarm(accountId, region, name, description, namespace, metricName, dimensions, statistic, period,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData, unit,
                actionsEnabled, alarmActions, okActions, insufficientDataActions, state, stateReason, stateReasonData,
                stateUpdated, configurationUpdated, newTags, metrics);
    }

    /** The actions of a state. */
    public List<String> actionsFor(String s) {
        return switch (s) {
            case ALARM -> alarmActions;
            case OK -> okActions;
            default -> insufficientDataActions;
        };
    }
}
