package berth.scheduler.control;

import berth.aws.CredentialSource;
import berth.ecs.EcsCalls;
import berth.iam.RoleCredentialsIssuer;
import berth.platform.WakeableLoop;
import berth.scheduler.state.SchedulerRecords;
import berth.sqs.QueueMessages;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The scheduler's one loop, woken by schedule changes and at least every half second. */
public final class SchedulerLoop {
    private SchedulerLoop() {}

    public static WakeableLoop create(SchedulerRecords records, Store store, Clock clock,
                                      Supplier<Optional<RoleCredentialsIssuer>> issuer, CredentialSource credentials,
                                      Supplier<Optional<EcsCalls>> ecs, Supplier<Optional<QueueMessages>> queues) {
        InvocationLoop pass = new InvocationLoop(records, new TargetInvoker(issuer, credentials, ecs, queues, clock), clock);
        return new WakeableLoop("scheduler-invocations", store, clock, List.of(SchedulerRecords.SCHEDULES),
                Duration.ofMillis(100), pass::pass);
    }
}
