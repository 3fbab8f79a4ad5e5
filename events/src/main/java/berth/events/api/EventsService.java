package berth.events.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.events.control.EventIngestion;
import berth.events.state.EventsRecords;
import java.time.Clock;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRulesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.TagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternRequest;
import software.amazon.awssdk.services.eventbridge.model.UntagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateEventBusRequest;

/** EventBridge on AWS JSON 1.1 (target prefix {@code AWSEvents}, signing name {@code events}): one table of bus, rule, target, event and tag handlers. */
public final class EventsService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("events");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("events", "software.amazon.awssdk.services.eventbridge.model");

    public EventsService(EventsRecords records, EventIngestion ingestion, RolePassing passing, Clock clock, Runnable changed) {
        super(MODEL, DESCRIPTION);
        Buses buses = new Buses(records);
        BusApi bus = new BusApi(records, buses, clock);
        RuleApi rules = new RuleApi(records, buses, passing, clock, changed);
        TargetApi targets = new TargetApi(records, rules, passing, changed);
        PutEventsApi events = new PutEventsApi(ingestion, clock);
        TagApi tags = new TagApi(records, buses);
        add("CreateEventBus", (OperationHandler<CreateEventBusRequest, ?>) bus::create);
        add("DescribeEventBus", (OperationHandler<DescribeEventBusRequest, ?>) bus::describe);
        add("UpdateEventBus", (OperationHandler<UpdateEventBusRequest, ?>) bus::update);
        add("ListEventBuses", (OperationHandler<ListEventBusesRequest, ?>) bus::list);
        add("DeleteEventBus", (OperationHandler<DeleteEventBusRequest, ?>) bus::delete);
        add("PutRule", (OperationHandler<PutRuleRequest, ?>) rules::put);
        add("DescribeRule", (OperationHandler<DescribeRuleRequest, ?>) rules::describe);
        add("ListRules", (OperationHandler<ListRulesRequest, ?>) rules::list);
        add("EnableRule", (OperationHandler<EnableRuleRequest, ?>) rules::enable);
        add("DisableRule", (OperationHandler<DisableRuleRequest, ?>) rules::disable);
        add("DeleteRule", (OperationHandler<DeleteRuleRequest, ?>) rules::delete);
        add("ListRuleNamesByTarget", (OperationHandler<ListRuleNamesByTargetRequest, ?>) rules::byTarget);
        add("TestEventPattern", (OperationHandler<TestEventPatternRequest, ?>) rules::test);
        add("PutTargets", (OperationHandler<PutTargetsRequest, ?>) targets::put);
        add("RemoveTargets", (OperationHandler<RemoveTargetsRequest, ?>) targets::remove);
        add("ListTargetsByRule", (OperationHandler<ListTargetsByRuleRequest, ?>) targets::list);
        add("PutEvents", (OperationHandler<PutEventsRequest, ?>) events::put);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) tags::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) tags::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) tags::list);
    }
}
