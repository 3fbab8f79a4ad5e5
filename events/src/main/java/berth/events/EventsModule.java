package berth.events;

import berth.aws.Protocol;
import berth.cloudwatch.MetricSink;
import berth.ecs.EcsCalls;
import berth.ecs.TaskStateChanges;
import berth.events.api.EventsService;
import berth.events.api.RolePassing;
import berth.events.control.EventsRuntime;
import berth.events.state.EventsRecords;
import berth.iam.PassRoleCheck;
import berth.iam.RequestFields;
import berth.iam.RequestResources;
import berth.iam.RoleCredentialsIssuer;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.s3.BucketEvents;
import berth.sqs.QueueMessages;
import java.util.List;

/**
 * EventBridge: buses, rules and their targets, and pending deliveries in the store (kinds
 * {@code events.*}); events put by PutEvents, by S3 (buckets with EventBridge notifications on), by
 * ECS (task state changes) and by scheduled rules are matched on their bus and delivered durably to
 * ECS RunTask, SQS and other buses. Starts after S3 and ECS, whose events it subscribes to.
 */
public final class EventsModule implements PlatformModule {
    private EventsRuntime runtime;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public int order() {
        return 115;
    }

    @Override
    public void start(Platform platform) {
        EventsRecords records = new EventsRecords(platform.store());
        runtime = new EventsRuntime(records, platform.store(), platform.clock(), () -> platform.lookup(RoleCredentialsIssuer.class),
                platform.credentials(), () -> platform.lookup(EcsCalls.class), () -> platform.lookup(QueueMessages.class),
                () -> platform.lookup(MetricSink.class));
        RolePassing passing = platform.lookup(PassRoleCheck.class)
                .<RolePassing>map(check -> (caller, role) -> check.require(caller, role, "events.amazonaws.com", Protocol.AWS_JSON_1_1))
                .orElse(RolePassing.ANY);
        platform.addAwsService(new EventsService(records, runtime.ingestion(), passing, platform.clock(), runtime::wake));
        platform.lookup(RequestResources.class).ifPresent(EventsModule::registerResources);
        runtime.start(platform.lookup(BucketEvents.class), platform.lookup(TaskStateChanges.class));
    }

    /** The resources of EventBridge's actions for policy evaluation: the rule or bus a request names. */
    private static void registerResources(RequestResources resources) {
        List<String> byName = List.of("PutRule", "DescribeRule", "DeleteRule", "EnableRule", "DisableRule");
        for (String op : List.of("PutRule", "DescribeRule", "DeleteRule", "EnableRule", "DisableRule", "PutTargets",
                "RemoveTargets", "ListTargetsByRule")) {
            String member = byName.contains(op) ? "Name" : "Rule";
            resources.register("events:" + op, (request, caller) -> {
                String bus = RequestFields.string(request, "EventBusName").orElse("default");
                String busName = bus.startsWith("arn:") ? bus.substring(bus.indexOf('/') + 1) : bus;
                return RequestFields.string(request, member).map(rule -> List.of(caller.scope().arn("events",
                        "rule/" + (busName.equals("default") ? "" : busName + "/") + rule))).orElse(List.of());
            });
        }
        for (String op : List.of("CreateEventBus", "DescribeEventBus", "DeleteEventBus", "UpdateEventBus")) {
            resources.register("events:" + op, (request, caller) -> RequestFields.string(request, "Name")
                    .map(name -> List.of(name.startsWith("arn:") ? name : caller.scope().arn("events", "event-bus/" + name)))
                    .orElse(List.of(caller.scope().arn("events", "event-bus/default"))));
        }
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("events.");
    }

    @Override
    public void stop() {
        if (runtime != null) runtime.close();
    }
}
