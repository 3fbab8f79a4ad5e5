package berth.cloudwatch.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observations grouped into periods aligned to the epoch, as CloudWatch aggregates them: a period
 * of {@code period} seconds starting at each multiple of it, from {@code start} (inclusive) to
 * {@code end} (exclusive).
 */
public final class PeriodSeries {
    private PeriodSeries() {}

    /** A period's start and its statistic, for the periods that have observations. */
    public record Point(Instant start, double value, String unit) {}

    public static Instant alignDown(Instant t, int periodSeconds) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(s, periodSeconds) * periodSeconds);
    }

    /** The statistic of every period with observations, oldest first. */
    public static List<Point> points(List<Observation> observations, Instant start, Instant end, int periodSeconds,
                                     Statistic statistic) {
        Map<Instant, List<Observation>> byPeriod = group(observations, start, end, periodSeconds);
        List<Point> points = new ArrayList<>();
        byPeriod.forEach((periodStart, in) -> statistic.of(in).ifPresent(v -> points.add(
                new Point(periodStart, v, in.get(in.size() - 1).unit()))));
        return points;
    }

    /**
     * The statistic of each of the {@code count} periods ending at {@code end} (oldest first), empty
     * where a period has no observations: what an alarm evaluates.
     */
    public static List<Optional<Double>> lastPeriods(List<Observation> observations, Instant end, int periodSeconds,
                                                     int count, Statistic statistic) {
        Instant start = end.minus(Duration.ofSeconds((long) periodSeconds * count));
        Map<Instant, List<Observation>> byPeriod = group(observations, start, end, periodSeconds);
        List<Optional<Double>> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant periodStart = start.plusSeconds((long) periodSeconds * i);
            List<Observation> in = byPeriod.getOrDefault(periodStart, List.of());
            values.add(statistic.of(in));
        }
        return values;
    }

    private static Map<Instant, List<Observation>> group(List<Observation> observations, Instant start, Instant end,
                                                         int periodSeconds) {
        Map<Instant, List<Observation>> byPeriod = new java.util.TreeMap<>();
        for (Observation o : observations) {
            if (o.timestamp().isBefore(start) || !o.timestamp().isBefore(end)) {
                continue;
            }
            byPeriod.computeIfAbsent(alignDown(o.timestamp(), periodSeconds), k -> new ArrayList<>()).add(o);
        }
        return new LinkedHashMap<>(byPeriod);
    }
}
