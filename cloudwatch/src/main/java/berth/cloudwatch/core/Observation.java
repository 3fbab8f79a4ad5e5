package berth.cloudwatch.core;

import java.time.Instant;
import java.util.List;

/**
 * What one PutMetricData entry recorded for a metric at one time: a statistic set (sample count,
 * sum, minimum, maximum) and, when given as values, the values with their counts, for percentiles.
 *
 * @param storageResolution 1 for high resolution, 60 for standard
 */
public record Observation(Instant timestamp, double sampleCount, double sum, double minimum, double maximum,
                          String unit, int storageResolution, List<Double> values, List<Double> counts) {
    public Observation {
        values = List.copyOf(values);
        counts = List.copyOf(counts);
    }

    /** A single value, counted once. */
    public static Observation of(Instant timestamp, double value, String unit, int storageResolution) {
        return new Observation(timestamp, 1, value, value, value, unit, storageResolution, List.of(value), List.of(1.0));
    }

    /** Values with their counts (each count 1 when {@code counts} is empty). */
    public static Observation ofValues(Instant timestamp, List<Double> values, List<Double> counts, String unit,
                                       int storageResolution) {
        double n = 0, sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.size(); i++) {
            double c = counts.isEmpty() ? 1 : counts.get(i);
            double v = values.get(i);
            n += c;
            sum += v * c;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Observation(timestamp, n, sum, min, max, unit, storageResolution, values,
                counts.isEmpty() ? values.stream().map(v -> 1.0).toList() : counts);
    }
}
