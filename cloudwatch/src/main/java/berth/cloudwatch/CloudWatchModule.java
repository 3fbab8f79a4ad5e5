package berth.cloudwatch;

import berth.aws.Scope;
import berth.cloudwatch.api.CloudWatchService;
import berth.cloudwatch.core.MetricId;
import berth.cloudwatch.core.MetricRetention;
import berth.cloudwatch.core.Observation;
import berth.cloudwatch.state.AlarmRecords;
import berth.cloudwatch.state.MetricRecords;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.time.Duration;
import java.util.List;

/**
 * CloudWatch metrics and alarms. Datapoints are in the store with CloudWatch's retention
 * (high resolution for 3 hours, then one-minute data for {@code BERTH_CLOUDWATCH_RETENTION_DAYS},
 * default 15), swept every {@code BERTH_CLOUDWATCH_SWEEP_SECONDS} (default 300). Alarms are
 * evaluated when each of their periods ends plus {@code BERTH_CLOUDWATCH_EVALUATION_DELAY_MS}
 * (default 1000, for late datapoints). Publishes {@link MetricSink} and {@link MetricAlarms}.
 */
public final class CloudWatchModule implements PlatformModule {
    private AlarmEvaluationLoop evaluation;
    private MetricRetentionLoop retention;
    private MetricRecords metrics;

    @Override
    public String name() {
        return "cloudwatch";
    }

    /** Before elb (100) and ecs (105), which put the metrics they measure into it. */
    @Override
    public int order() {
        return 90;
    }

    @Override
    public void start(Platform platform) {
        metrics = new MetricRecords(platform.store());
        AlarmRecords alarms = new AlarmRecords(platform.store());
        evaluation = new AlarmEvaluationLoop(platform.store(), alarms, metrics, platform.clock(),
                Duration.ofMillis(setting("BERTH_CLOUDWATCH_EVALUATION_DELAY_MS", 1000)));
        CloudWatchService.Handlers handlers = new CloudWatchService.Handlers(metrics, alarms, platform.clock(), evaluation::wake);
        CloudWatchService.all(handlers).forEach(platform::addAwsService);
        MetricRecords store = metrics;
        platform.publish(MetricSink.class, (Scope scope, List<MetricSink.Sample> samples) -> store.put(scope,
                samples.stream().map(s -> new MetricRecords.Put(new MetricId(s.namespace(), s.metricName(), s.dimensions()),
                        new Observation(s.timestamp(), s.sampleCount(), s.sum(), s.minimum(), s.maximum(), s.unit(), 60,
                                List.of(), List.of()))).toList(), platform.clock().instant()));
        platform.publish(MetricAlarms.class, new StoredMetricAlarms(alarms, platform.clock(), evaluation::wake));
        retention = new MetricRetentionLoop(platform.store(), metrics, alarms, platform.clock(),
                new MetricRetention(Duration.ofDays(setting("BERTH_CLOUDWATCH_RETENTION_DAYS", 15)), Duration.ofHours(3)),
                Duration.ofSeconds(setting("BERTH_CLOUDWATCH_SWEEP_SECONDS", 300)));
        evaluation.start();
        retention.start();
    }

    private static long setting(String name, long fallback) {
        String configured = System.getenv(name);
        try {
            return configured == null ? fallback : Math.max(1, Long.parseLong(configured.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void reset() {
        if (metrics != null) metrics.forgetCaches();
    }

    @Override
    public void stop() {
        if (evaluation != null) evaluation.close();
        if (retention != null) retention.close();
    }
}
