package berth.asg;

import berth.asg.api.AsgService;
import berth.asg.control.Ec2Fleet;
import berth.asg.control.GroupLoop;
import berth.asg.control.PolicyAlarms;
import berth.asg.control.PolicyLoop;
import berth.cloudwatch.MetricAlarms;
import berth.asg.state.AsgRecords;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.time.Duration;
import java.util.List;

/**
 * EC2 Auto Scaling: groups over EC2 launch templates whose instances it launches and terminates
 * through EC2's API ({@link GroupLoop}). While instances are on their way it reads EC2 every
 * {@code BERTH_ASG_POLL_MILLIS} (default 1000). Scaling policies run on CloudWatch's alarms
 * ({@link PolicyLoop}, every {@code BERTH_ASG_POLICY_INTERVAL_MS}, default 2000); target tracking
 * alarms have a period of {@code BERTH_TARGET_TRACKING_PERIOD_SECONDS} (default 60, as on AWS) and
 * {@code BERTH_TARGET_TRACKING_HIGH_PERIODS}/{@code _LOW_PERIODS} evaluation periods (3 and 15).
 */
public final class AsgModule implements PlatformModule {
    private GroupLoop loop;
    private PolicyLoop policies;
    private Ec2Fleet fleet;

    @Override
    public String name() {
        return "autoscaling";
    }

    @Override
    public int order() {
        return 130;
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of(AsgRecords.KIND_PREFIX);
    }

    @Override
    public void start(Platform platform) {
        AsgRecords records = new AsgRecords(platform.store());
        fleet = new Ec2Fleet(platform);
        PolicyAlarms alarms = new PolicyAlarms(() -> platform.lookup(MetricAlarms.class),
                (int) setting("BERTH_TARGET_TRACKING_PERIOD_SECONDS", 60),
                (int) setting("BERTH_TARGET_TRACKING_HIGH_PERIODS", 3), (int) setting("BERTH_TARGET_TRACKING_LOW_PERIODS", 15));
        loop = new GroupLoop(records, fleet, platform.store(), platform.clock(), poll(), alarms);
        policies = new PolicyLoop(records, alarms, loop, platform.clock(), setting("BERTH_ASG_POLICY_INTERVAL_MS", 2000));
        platform.addAwsService(new AsgService(records, fleet, loop, alarms, platform.clock()));
        platform.publish(GroupMembers.class, (scope, instanceId) -> records.groups.list(scope.prefix()).stream()
                .filter(g -> g.members().stream().anyMatch(m -> m.instanceId().equals(instanceId)))
                .map(g -> g.name()).findFirst());
        loop.start();
        policies.start();
    }

    private static Duration poll() {
        String configured = System.getenv("BERTH_ASG_POLL_MILLIS");
        try {
            return Duration.ofMillis(configured == null ? 1000 : Math.max(50, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(1000);
        }
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
        if (policies != null) policies.close();
        if (loop != null) loop.close();
        if (fleet != null) fleet.close();
    }
}
