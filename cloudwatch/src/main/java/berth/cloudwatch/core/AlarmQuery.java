package berth.cloudwatch.core;

import java.util.Map;

/**
 * One query of an alarm on metric math: a metric with its statistic and period, or an expression
 * over the other queries' ids. Exactly one query of an alarm returns data: the series the alarm
 * compares with its threshold.
 *
 * @param expression the metric math expression; empty for a metric query
 * @param period the metric's period in seconds; for an expression, 0 unless given
 * @param unit the unit the metric's datapoints are filtered by; empty for any
 */
public record AlarmQuery(String id, String expression, String label, String namespace, String metricName,
                         Map<String, String> dimensions, String stat, String unit, int period, boolean returnData) {
    public AlarmQuery {
        dimensions = Map.copyOf(dimensions);
    }

    public static AlarmQuery metric(String id, String label, MetricId metric, String stat, String unit, int period,
                                    boolean returnData) {
        return new AlarmQuery(id, "", label, metric.namespace(), metric.name(), metric.dimensions(), stat, unit, period,
                returnData);
    }

    public static AlarmQuery expression(String id, String expression, String label, int period, boolean returnData) {
        return new AlarmQuery(id, expression, label, "", "", Map.of(), "", "", period, returnData);
    }

    public boolean hasExpression() {
        return !expression.isEmpty();
    }

    public MetricId metric() {
        return new MetricId(namespace, metricName, dimensions);
    }
}
