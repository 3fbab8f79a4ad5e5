package berth.sqs;

import berth.store.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SQS's queue metrics: one sample per interval, stamped on the interval's start however late the pass runs. */
class QueueMetricsTest {

    @Test
    void eachPassStampsItsIntervalAndSchedulesTheNextIntervalsStart() {
        QueueDepths.Depth jobs = new QueueDepths.Depth("arn:aws:sqs:us-east-1:111122223333:jobs", "jobs", "111122223333",
                "us-east-1", 40, 3, 0, 12);
        QueueDepths depths = new QueueDepths() {
            @Override
            public List<Depth> all() {
                return List.of(jobs);
            }

            @Override
            public Optional<Depth> of(String queueArn) {
                return Optional.of(jobs);
            }
        };
        List<MetricSink.Sample> put = new ArrayList<>();
        MetricSink sink = (Scope scope, List<MetricSink.Sample> samples) -> put.addAll(samples);
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:59.950Z"));
        QueueMetrics metrics = new QueueMetrics(depths, () -> Optional.of(sink), clock, Duration.ofSeconds(60));

        assertThat(metrics.pass()).isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
        clock.set(Instant.parse("2026-03-01T12:01:00.400Z"));
        assertThat(metrics.pass()).as("late, it is still the next minute's only pass").isEqualTo(Instant.parse("2026-03-01T12:02:00Z"));

        assertThat(put).filteredOn(s -> s.metricName().equals("ApproximateNumberOfMessagesVisible"))
                .extracting(MetricSink.Sample::timestamp)
                .containsExactly(Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-03-01T12:01:00Z"));
        assertThat(put).filteredOn(s -> s.metricName().equals("ApproximateNumberOfMessagesVisible"))
                .allSatisfy(s -> assertThat(s.sum()).isEqualTo(40.0));
    }
}
