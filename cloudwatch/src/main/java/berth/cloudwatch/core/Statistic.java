package berth.cloudwatch.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statistic over the observations of one period: the five standard ones, or a percentile
 * ({@code p90}, {@code p99.9}) computed from the observations' values.
 */
public sealed interface Statistic {
    enum Standard implements Statistic { SampleCount, Average, Sum, Minimum, Maximum }

    record Percentile(double percent) implements Statistic {}

    /** The statistic a name names: a standard name or {@code pNN[.N]}; empty for anything else. */
    static Optional<Statistic> parse(String name) {
        for (Standard s : Standard.values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        if (name.matches("p(\\d{1,2}(\\.\\d{1,10})?|100(\\.0{1,10})?)")) {
            return Optional.of(new Percentile(Double.parseDouble(name.substring(1))));
        }
        return Optional.empty();
    }

    /** The value of this statistic over {@code observations}; empty when there are none. */
    default Optional<Double> of(List<Observation> observations) {
        if (observations.isEmpty()) {
            return Optional.empty();
        }
        double n = 0, sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Observation o : observations) {
            n += o.sampleCount();
            sum += o.sum();
            min = Math.min(min, o.minimum());
            max = Math.max(max, o.maximum());
        }
        return switch (this) {
            case Standard s -> Optional.of(switch (s) {
                case SampleCount -> n;
                case Average -> n == 0 ? 0 : sum / n;
                case Sum -> sum;
                case Minimum -> min;
                case Maximum -> max;
            });
            case Percentile p -> percentile(observations, p.percent());
        };
    }

    private static Optional<Double> percentile(List<Observation> observations, double percent) {
        List<double[]> weighted = new ArrayList<>();
        double total = 0;
        for (Observation o : observations) {
            for (int i = 0; i < o.values().size(); i++) {
                weighted.add(new double[] {o.values().get(i), o.counts().get(i)});
                total += o.counts().get(i);
            }
        }
        if (weighted.isEmpty() || total <= 0) {
            return Optional.empty();
        }
        weighted.sort((a, b) -> Double.compare(a[0], b[0]));
        double rank = percent / 100.0 * total;
        double seen = 0;
        for (double[] w : weighted) {
            seen += w[1];
            if (seen >= rank) {
                return Optional.of(w[0]);
            }
        }
        return Optional.of(weighted.get(weighted.size() - 1)[0]);
    }
}
