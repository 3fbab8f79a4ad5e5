package berth.events.control;

import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
import berth.events.core.RuleCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EventBridge's rule metrics in CloudWatch: every {@code BERTH_EVENTS_METRICS_SECONDS} (default 60)
 * the counts of {@link RuleCounts} go to {@code AWS/Events} (unit Count), in each rule's account and
 * region, stamped with their interval's start as {@link MetricSink#stamp} counts intervals (the
 * other modules' samples too), so a period holds each interval's counts once.
 */
final class RuleMetrics {
    static final String NAMESPACE = "AWS/Events";

    private final RuleCounts counts = new RuleCounts();
    private final Supplier<Optional<MetricSink>> sink;
    private final Clock clock;
    private final Duration interval;
    private Instant intervalStart;

    RuleMetrics(Supplier<Optional<MetricSink>> sink, Clock clock, Duration interval) {
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
        this.intervalStart = MetricSink.stamp(clock.instant(), interval);
    }

    static Duration configuredInterval() {
        return MetricSink.interval("BERTH_EVENTS_METRICS_SECONDS");
    }

    RuleCounts counts() {
        return counts;
    }

    /** Publishes the interval's counts once it is over; returns when the next interval ends. */
    synchronized Instant flushIfDue() {
        Instant now = clock.instant();
        Instant end = intervalStart.plus(interval);
        if (now.isBefore(end)) return end;
        List<RuleCounts.Count> drained = counts.drain(intervalStart);
        intervalStart = MetricSink.stamp(now, interval);
        Optional<MetricSink> target = sink.get();
        if (target.isPresent() && !drained.isEmpty()) {
            Map<Scope, List<MetricSink.Sample>> byScope = new LinkedHashMap<>();
            for (RuleCounts.Count c : drained) {
                byScope.computeIfAbsent(new Scope(c.accountId(), c.region()), s -> new ArrayList<>()).add(
                        MetricSink.Sample.of(NAMESPACE, c.metric().name(), c.dimensions(), c.at(), c.sum(), "Count"));
            }
            target.get().putEach(byScope, "EventBridge's rule metrics");
        }
        return intervalStart.plus(interval);
    }
}
