package berth.cloudwatch;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where modules put the metrics berth measures itself (AWS/ECS, AWS/ApplicationELB), published on
 * the platform: {@code platform.lookup(MetricSink.class)}. Namespaces under {@code AWS/} are
 * accepted here, as they are not from clients.
 */
public interface MetricSink {

    /** One measurement: a statistic set over one interval, at its timestamp. */
    record Sample(String namespace, String metricName, Map<String, String> dimensions, Instant timestamp,
                  double sampleCount, double sum, double minimum, double maximum, String unit) {
        public static Sample of(String namespace, String metricName, Map<String, String> dimensions, Instant timestamp,
                                double value, String unit) {
            return new Sample(namespace, metricName, dimensions, timestamp, 1, value, value, value, unit);
        }
    }

    void put(Scope scope, List<Sample> samples);

    /** Each scope's samples, one put per scope; a refused put is logged ({@code what} names the samples) and the rest go on. */
    default void putEach(Map<Scope, List<Sample>> byScope, String what) {
        byScope.forEach((scope, samples) -> {
            try {
                put(scope, samples);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MetricSink.class).warn("publishing {} of {} failed", what, scope, e);
            }
        });
    }

    /**
     * The timestamp of a sample a module publishing every {@code interval} takes at {@code now}: the
     * start of the interval (counted from the epoch) that holds {@code now}. A module that stamps its
     * samples so, and takes the next at the following interval's start, puts exactly one sample per
     * interval in every period however late its passes run, as AWS stamps its per-minute metrics on
     * the minute (a statistic such as Sum then counts each measurement once).
     */
    static Instant stamp(Instant now, java.time.Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /** How often a module publishes: whole seconds from {@code variable}, at least 1, default 60 (CloudWatch's period). */
    static java.time.Duration interval(String variable) {
        try {
            return java.time.Duration.ofSeconds(Math.max(1, Long.parseLong(System.getenv().getOrDefault(variable, "60").strip())));
        } catch (NumberFormatException e) {
            return java.time.Duration.ofSeconds(60);
        }
    }
}
