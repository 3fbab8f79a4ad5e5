package berth.cloudwatch.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The queries of an alarm on metric math: what CloudWatch refuses in them, the period the alarm
 * evaluates, and the values of the returned query in each evaluation period (each metric's
 * statistic per period, then the expressions by {@link MetricMath} in the order they read each
 * other; a period where an expression has no value, as where it divides by zero or an input has no
 * datapoint, is missing). Pure: the caller reads the observations.
 */
public final class AlarmQueries {
    /** The most metrics one alarm may query. */
    public static final int MAX_METRICS = 10;

    private AlarmQueries() {}

    /** Why CloudWatch would refuse these queries; empty when it would take them. */
    public static Optional<String> problem(List<AlarmQuery> queries) {
        Map<String, AlarmQuery> byId = new HashMap<>();
        int returning = 0;
        int metrics = 0;
        for (AlarmQuery q : queries) {
            if (q.id() == null || !q.id().matches("[a-z][a-zA-Z0-9_]*")) {
                return Optional.of("Invalid metrics list: the id " + q.id()
                        + " must start with a lowercase letter and hold only letters, digits and underscores.");
            }
            if (byId.put(q.id(), q) != null) {
                return Optional.of("Invalid metrics list: the id " + q.id() + " is used more than once.");
            }
            if (q.returnData()) returning++;
            if (!q.hasExpression()) {
                metrics++;
                if (q.namespace().isEmpty() || q.metricName().isEmpty() || q.stat().isEmpty() || q.period() == 0) {
                    return Optional.of("Invalid metrics list: the MetricStat of " + q.id()
                            + " requires Metric (with Namespace and MetricName), Period and Stat.");
                }
                if (Statistic.parse(q.stat()).isEmpty()) {
                    return Optional.of("The value " + q.stat() + " for parameter Metrics.member." + (queries.indexOf(q) + 1)
                            + ".MetricStat.Stat is not a valid statistic.");
                }
            }
            if (q.period() != 0 && !validPeriod(q.period())) {
                return Optional.of("Invalid metrics list: the period of " + q.id() + " must be 10, 20, 30 or a multiple of 60.");
            }
        }
        if (returning != 1) {
            return Optional.of("Exactly one element of the metrics list should return data.");
        }
        if (metrics == 0) {
            return Optional.of("Invalid metrics list: at least one element must query a metric.");
        }
        if (metrics > MAX_METRICS) {
            return Optional.of("Invalid metrics list: an alarm may query at most " + MAX_METRICS + " metrics.");
        }
        Set<Integer> periods = new HashSet<>();
        queries.stream().filter(q -> !q.hasExpression()).forEach(q -> periods.add(q.period()));
        if (periods.size() > 1) {
            return Optional.of("Invalid metrics list: all metrics of an alarm must have the same period.");
        }
        try {
            QueryGraph.resolveAll(expressions(queries), m -> new MetricMath.Series(new TreeMap<>()));
        } catch (MetricMath.Invalid e) {
            return Optional.of(e.getMessage());
        } catch (QueryGraph.Cycle e) {
            return Optional.of("Invalid metrics list: the expression of " + e.id() + " depends on itself.");
        }
        return Optional.empty();
    }

    public static boolean validPeriod(int period) {
        return period == 10 || period == 20 || period == 30 || (period >= 60 && period % 60 == 0);
    }

    /** The period an alarm over these (valid) queries evaluates: the returned query's, or its metrics'. */
    public static int period(List<AlarmQuery> queries) {
        AlarmQuery returned = returned(queries);
        if (returned.period() != 0) return returned.period();
        return queries.stream().filter(q -> !q.hasExpression()).mapToInt(AlarmQuery::period).max().orElse(60);
    }

    public static AlarmQuery returned(List<AlarmQuery> queries) {
        return queries.stream().filter(AlarmQuery::returnData).findFirst().orElseThrow();
    }

    /**
     * The returned query's value in each of the {@code count} periods ending at {@code end}, oldest
     * first, empty where it has none.
     *
     * @param observations a metric query's observations from {@code end - period·count} to {@code end}
     */
    public static List<Optional<Double>> lastPeriods(List<AlarmQuery> queries,
                                                     Function<AlarmQuery, List<Observation>> observations,
                                                     Instant end, int period, int count) {
        Instant start = end.minusSeconds((long) period * count);
        Function<AlarmQuery, MetricMath.Series> metric = q -> {
            TreeMap<Instant, Double> points = new TreeMap<>();
            PeriodSeries.points(observations.apply(q), start, end, q.period(), Statistic.parse(q.stat()).orElseThrow())
                    .forEach(p -> points.put(p.start(), p.value()));
            return new MetricMath.Series(points);
        };
        Map<String, AlarmQuery> byId = new HashMap<>();
        queries.forEach(q -> byId.put(q.id(), q));
        MetricMath.Series series;
        try {
            series = QueryGraph.resolve(returned(queries).id(), expressions(queries), id -> metric.apply(byId.get(id)),
                    new HashMap<>());
        } catch (MetricMath.Invalid | QueryGraph.Cycle e) {
            series = new MetricMath.Series(new TreeMap<>());
        }
        List<Optional<Double>> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(Optional.ofNullable(series.points().get(start.plusSeconds((long) period * i))));
        }
        return values;
    }

    /** Each query's expression by id, {@code ""} for a metric. */
    private static Map<String, String> expressions(List<AlarmQuery> queries) {
        Map<String, String> expressions = new java.util.LinkedHashMap<>();
        queries.forEach(q -> expressions.put(q.id(), q.hasExpression() ? q.expression() : ""));
        return expressions;
    }
}
