package berth.sqs;

import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
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
 * SQS's queue metrics in CloudWatch: every {@code BERTH_SQS_METRICS_SECONDS} (default 60, SQS's own
 * period; samples stamped on the interval's start, as SQS's are on the minute), each queue's ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible,
 * ApproximateNumberOfMessagesDelayed and ApproximateAgeOfOldestMessage go to {@code AWS/SQS} with the
 * dimension QueueName, in the queue's account and region.
 */
final class QueueMetrics {
    static final String NAMESPACE = "AWS/SQS";

    private final QueueDepths depths;
    private final Supplier<Optional<MetricSink>> sink;
    private final Clock clock;
    private final Duration interval;

    QueueMetrics(QueueDepths depths, Supplier<Optional<MetricSink>> sink, Clock clock, Duration interval) {
        this.depths = depths;
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
    }

    static Duration configuredInterval() {
        return MetricSink.interval("BERTH_SQS_METRICS_SECONDS");
    }

    /** One round of samples, stamped at the start of the interval it falls in; the next interval's start. */
    Instant pass() {
        Instant at = MetricSink.stamp(clock.instant(), interval);
        Optional<MetricSink> target = sink.get();
        if (target.isEmpty()) return at.plus(interval);
        target.get().putEach(samples(depths.all(), at), "the queue metrics");
        return at.plus(interval);
    }

    static Map<Scope, List<MetricSink.Sample>> samples(List<QueueDepths.Depth> queues, Instant now) {
        Map<Scope, List<MetricSink.Sample>> byScope = new LinkedHashMap<>();
        for (QueueDepths.Depth q : queues) {
            Map<String, String> dims = Map.of("QueueName", q.queueName());
            List<MetricSink.Sample> samples = byScope.computeIfAbsent(new Scope(q.accountId(), q.region()),
                    k -> new ArrayList<>());
            samples.add(MetricSink.Sample.of(NAMESPACE, "ApproximateNumberOfMessagesVisible", dims, now, q.visible(), "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "ApproximateNumberOfMessagesNotVisible", dims, now, q.notVisible(),
                    "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "ApproximateNumberOfMessagesDelayed", dims, now, q.delayed(), "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "ApproximateAgeOfOldestMessage", dims, now,
                    q.oldestMessageAgeSeconds(), "Seconds"));
        }
        return byScope;
    }
}
