package berth.autoscaling;

import berth.autoscaling.api.AutoScalingService;
import berth.autoscaling.state.ScalingRecords;
import berth.cloudwatch.MetricAlarms;
import berth.ecs.ServiceCapacity;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.time.Duration;

/**
 * Application Auto Scaling for ECS services. The scaler runs every {@code BERTH_AUTOSCALING_INTERVAL_MS}
 * (default 10000) and on every alarm change; a step policy acts again every
 * {@code BERTH_AUTOSCALING_REINVOKE_SECONDS} (default 60) while its alarm stays in ALARM. Target
 * tracking alarms have a period of {@code BERTH_TARGET_TRACKING_PERIOD_SECONDS} (default 60, as on
 * AWS) and {@code BERTH_TARGET_TRACKING_HIGH_PERIODS}/{@code _LOW_PERIODS} evaluation periods
 * (default 3 and 15, as on AWS). Publishes {@link ScalingControl}.
 */
public final class AutoScalingModule implements PlatformModule {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AutoScalingModule.class);
    private ScalingLoop loop;

    @Override
    public String name() {
        return "autoscaling";
    }

    /** After ecs (105), whose ServiceCapacity it scales, and cloudwatch (90). */
    @Override
    public int order() {
        return 107;
    }

    @Override
    public void start(Platform platform) {
        java.util.Optional<MetricAlarms> foundAlarms = platform.lookup(MetricAlarms.class);
        java.util.Optional<ServiceCapacity> foundCapacity = platform.lookup(ServiceCapacity.class);
        if (foundAlarms.isEmpty() || foundCapacity.isEmpty()) {
            // it scales ECS services on CloudWatch alarms: with either left out (BERTH_DISABLE) it serves nothing
            LOG.warn("Application Auto Scaling is not served: it needs the {} module",
                    foundAlarms.isEmpty() ? "cloudwatch" : "ecs");
            return;
        }
        MetricAlarms alarms = foundAlarms.get();
        ServiceCapacity capacity = foundCapacity.get();
        ScalingRecords records = new ScalingRecords(platform.store());
        loop = new ScalingLoop(platform.store(), records, alarms, capacity, platform.clock(),
                Duration.ofMillis(setting("BERTH_AUTOSCALING_INTERVAL_MS", 10_000)),
                Duration.ofSeconds(setting("BERTH_AUTOSCALING_REINVOKE_SECONDS", 60)));
        TargetTrackingAlarms tracking = new TargetTrackingAlarms(alarms, (int) setting("BERTH_TARGET_TRACKING_PERIOD_SECONDS", 60),
                (int) setting("BERTH_TARGET_TRACKING_HIGH_PERIODS", 3), (int) setting("BERTH_TARGET_TRACKING_LOW_PERIODS", 15));
        ScalingControl control = new ScalingControl(records, platform.clock(), alarms, capacity, tracking, loop::wake);
        platform.addAwsService(new AutoScalingService(control));
        platform.publish(ScalingControl.class, control);
        loop.start();
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
    public void stop() {
        if (loop != null) loop.close();
    }
}
