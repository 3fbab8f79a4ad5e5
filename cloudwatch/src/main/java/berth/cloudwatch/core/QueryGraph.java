package berth.cloudwatch.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Metric data queries that read each other (GetMetricData's, an alarm's on metric math) evaluated in
 * the order they read each other: a metric query's series comes from {@code metric}, an expression's
 * from {@link MetricMath} over the series of the ids it names. Pure: the caller reads the metrics.
 */
public final class QueryGraph {
    private QueryGraph() {}

    /** A query whose expression reads itself, directly or through others. */
    public static final class Cycle extends RuntimeException {
        private final String id;

        Cycle(String id) {
            super("the expression of " + id + " depends on itself");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The series of query {@code id}, resolving what it reads into {@code done}.
     *
     * @param expressions every query's expression by id, {@code ""} for a metric query
     * @param metric      a metric query's series
     * @throws MetricMath.Invalid for an unknown id in an expression, an expression CloudWatch refuses
     *                            or one that is not a time series, with CloudWatch's message
     * @throws Cycle              for an expression that reads itself
     */
    public static MetricMath.Series resolve(String id, Map<String, String> expressions,
                                            Function<String, MetricMath.Series> metric, Map<String, MetricMath.Series> done) {
        return resolve(id, expressions, metric, done, new HashSet<>());
    }

    /** Every query's series. */
    public static Map<String, MetricMath.Series> resolveAll(Map<String, String> expressions,
                                                            Function<String, MetricMath.Series> metric) {
        Map<String, MetricMath.Series> done = new HashMap<>();
        for (String id : expressions.keySet()) {
            resolve(id, expressions, metric, done);
        }
        return done;
    }

    private static MetricMath.Series resolve(String id, Map<String, String> expressions,
                                             Function<String, MetricMath.Series> metric, Map<String, MetricMath.Series> done,
                                             Set<String> visiting) {
        MetricMath.Series known = done.get(id);
        if (known != null) return known;
        if (!visiting.add(id)) {
            throw new Cycle(id);
        }
        String expression = expressions.get(id);
        MetricMath.Series series;
        if (expression.isEmpty()) {
            series = metric.apply(id);
        } else {
            Map<String, MetricMath.Series> inputs = new HashMap<>();
            for (String ref : MetricMath.references(expression)) {
                if (!expressions.containsKey(ref)) {
                    throw new MetricMath.Invalid("Error in expression '" + id + "': Unrecognized token " + ref + ".");
                }
                inputs.put(ref, resolve(ref, expressions, metric, done, visiting));
            }
            MetricMath.Value v;
            try {
                v = MetricMath.evaluate(expression, inputs);
            } catch (MetricMath.Invalid e) {
                throw new MetricMath.Invalid("Error in expression '" + id + "': " + e.getMessage());
            }
            if (!(v instanceof MetricMath.Series s)) {
                throw new MetricMath.Invalid("Error in expression '" + id + "': the expression must return a time series.");
            }
            series = s;
        }
        visiting.remove(id);
        done.put(id, series);
        return series;
    }
}
