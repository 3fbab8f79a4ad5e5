package berth.asg;

import berth.asg.api.AsgService;
import berth.asg.control.Ec2Fleet;
import berth.asg.control.GroupLoop;
import berth.asg.state.AsgRecords;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.time.Duration;
import java.util.List;

/**
 * EC2 Auto Scaling: groups over EC2 launch templates whose instances it launches and terminates
 * through EC2's API ({@link GroupLoop}). While instances are on their way it reads EC2 every
 * {@code BERTH_ASG_POLL_MILLIS} (default 1000).
 */
public final class AsgModule implements PlatformModule {
    private GroupLoop loop;
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
        loop = new GroupLoop(records, fleet, platform.store(), platform.clock(), poll());
        platform.addAwsService(new AsgService(records, fleet, loop, platform.clock()));
        loop.start();
    }

    private static Duration poll() {
        String configured = System.getenv("BERTH_ASG_POLL_MILLIS");
        try {
            return Duration.ofMillis(configured == null ? 1000 : Math.max(50, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(1000);
        }
    }

    @Override
    public void stop() {
        if (loop != null) loop.close();
        if (fleet != null) fleet.close();
    }
}
