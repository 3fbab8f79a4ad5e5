package berth.cloudwatch.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch's retention as a decision over one metric's stored observations: observations older
 * than {@code retention} are removed; high-resolution observations older than
 * {@code highResolution} are replaced by one one-minute observation per minute (statistic sets
 * merged, values kept for percentiles). Pure; the caller applies the plan.
 */
public record MetricRetention(Duration retention, Duration highResolution) {
    public static final MetricRetention CLOUDWATCH = new MetricRetention(Duration.ofDays(15), Duration.ofHours(3));

    public record Stored(String key, Observation observation) {}

    public record Plan(List<String> remove, List<Observation> add) {}

    public Plan plan(List<Stored> stored, Instant now) {
        Instant dropBefore = now.minus(retention);
        Instant rollUpBefore = PeriodSeries.alignDown(now.minus(highResolution), 60);
        List<String> remove = new ArrayList<>();
        Map<Instant, List<Observation>> minutes = new TreeMap<>();
        for (Stored s : stored) {
            Observation o = s.observation();
            if (o.timestamp().isBefore(dropBefore)) {
                remove.add(s.key());
            } else if (o.storageResolution() == 1 && o.timestamp().isBefore(rollUpBefore)) {
                remove.add(s.key());
                minutes.computeIfAbsent(PeriodSeries.alignDown(o.timestamp(), 60), k -> new ArrayList<>()).add(o);
            }
        }
        List<Observation> add = new ArrayList<>();
        minutes.forEach((minute, in) -> add.add(merge(minute, in)));
        return new Plan(remove, add);
    }

    static Observation merge(Instant at, List<Observation> in) {
        double n = 0, sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        List<Double> values = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (Observation o : in) {
            n += o.sampleCount();
            sum += o.sum();
            min = Math.min(min, o.minimum());
            max = Math.max(max, o.maximum());
            values.addAll(o.values());
            counts.addAll(o.counts());
        }
        return new Observation(at, n, sum, min, max, in.get(in.size() - 1).unit(), 60, values, counts);
    }
}
