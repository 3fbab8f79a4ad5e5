package berth.scheduler;

import berth.ecs.EcsCalls;
import berth.iam.RoleCredentialsIssuer;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.platform.WakeableLoop;
import berth.scheduler.api.SchedulerService;
import berth.scheduler.control.SchedulerLoop;
import berth.scheduler.state.SchedulerRecords;
import berth.sqs.QueueMessages;
import java.util.List;

/**
 * EventBridge Scheduler: schedules, groups and committed invocations in the store (kinds
 * {@code scheduler.*}); one level-triggered loop commits due occurrences and invokes their targets
 * (ECS RunTask through {@link EcsCalls}, SQS through {@link QueueMessages}) as each target's role.
 */
public final class SchedulerModule implements PlatformModule {
    private WakeableLoop loop;

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public void start(Platform platform) {
        SchedulerRecords records = new SchedulerRecords(platform.store());
        loop = SchedulerLoop.create(records, platform.store(), platform.clock(),
                () -> platform.lookup(RoleCredentialsIssuer.class), platform.credentials(),
                () -> platform.lookup(EcsCalls.class), () -> platform.lookup(QueueMessages.class));
        platform.addAwsService(new SchedulerService(records, platform.clock(), loop::wake));
        loop.start();
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("scheduler.");
    }

    @Override
    public void stop() {
        if (loop != null) loop.close();
    }
}
