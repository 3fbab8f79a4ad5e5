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
}
