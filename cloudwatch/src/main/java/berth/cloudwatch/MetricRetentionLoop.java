package berth.cloudwatch;

import berth.cloudwatch.core.MetricRetention;
import berth.cloudwatch.state.AlarmRecords;
import berth.cloudwatch.state.MetricRecords;
import berth.platform.WakeableLoop;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies CloudWatch's retention every sweep interval: high-resolution datapoints older than three
 * hours are rolled up into one-minute ones, datapoints older than the retention go, and so does a
 * metric with none left; alarm history older than 30 days goes too.
 */
final class MetricRetentionLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricRetentionLoop.class);

    private final MetricRecords metrics;
    private final AlarmRecords alarms;
    private final Clock clock;
    private final MetricRetention retention;
    private final Duration interval;
    private final WakeableLoop loop;

    MetricRetentionLoop(Store store, MetricRecords metrics, AlarmRecords alarms, Clock clock, MetricRetention retention,
                        Duration interval) {
        this.metrics = metrics;
        this.alarms = alarms;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
        this.loop = new WakeableLoop("cloudwatch-retention", store, clock, List.of(), Duration.ofSeconds(1), this::pass);
    }

    void start() {
        loop.start();
    }

    private Instant pass() {
        Instant now = clock.instant();
        for (MetricRecords.MetricEntry metric : metrics.allMetrics()) {
            try {
                var stored = metrics.stored(metric);
                MetricRetention.Plan plan = retention.plan(stored.stream()
                        .map(k -> new MetricRetention.Stored(k.key(), k.value())).toList(), now);
                metrics.replace(metric, plan.remove(), plan.add());
                if (plan.remove().size() == stored.size() && plan.add().isEmpty()) {
                    metrics.removeMetric(metric);
                }
            } catch (RuntimeException e) {
                LOG.warn("retention of metric {} failed", metric.metric(), e);
            }
        }
        Instant historyLimit = now.minus(Duration.ofDays(30));
        for (berth.aws.Scope scope : alarms.all().stream().map(a -> a.value().scope()).distinct().toList()) {
            alarms.deleteHistory(alarms.history(scope, "").stream()
                    .filter(k -> k.value().timestamp().isBefore(historyLimit)).map(k -> k.key()).toList());
        }
        return now.plus(interval);
    }

    @Override
    public void close() {
        loop.close();
    }
}
