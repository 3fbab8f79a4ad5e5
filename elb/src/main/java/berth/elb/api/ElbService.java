package berth.elb.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.elb.core.ListenerPorts;
import berth.elb.state.ElbRecords;
import berth.elb.state.TargetHealthReader;
import berth.elb.state.TargetRegistrations;
import java.time.Clock;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Elastic Load Balancing v2 on the Query protocol (version 2015-12-01, signing name
 * {@code elasticloadbalancing}). {@code changed} runs after every change the data plane serves, so
 * a listener, rule or target is in effect when its call returns.
 */
public final class ElbService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("elbv2");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("elasticloadbalancing",
            "software.amazon.awssdk.services.elasticloadbalancingv2.model");

    public ElbService(ElbRecords records, Clock clock, ListenerPorts ports, TargetRegistrations registrations,
                      TargetHealthReader health, Runnable changed) {
        super(MODEL, DESCRIPTION);
        ElbLookup lookup = new ElbLookup(records);
        ElbIds ids = new ElbIds();
        ActionCheck actions = new ActionCheck(records, lookup);

        LoadBalancerApi loadBalancers = new LoadBalancerApi(records, lookup, ids, clock, changed);
        add("CreateLoadBalancer", CreateLoadBalancerRequest.class, loadBalancers::create);
        add("DescribeLoadBalancers", DescribeLoadBalancersRequest.class, loadBalancers::describe);
        add("DeleteLoadBalancer", DeleteLoadBalancerRequest.class, loadBalancers::delete);
        add("DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest.class, loadBalancers::describeAttributes);
        add("ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest.class, loadBalancers::modifyAttributes);
        add("DescribeCapacityReservation", DescribeCapacityReservationRequest.class,
                loadBalancers::describeCapacityReservation);
        add("ModifyCapacityReservation", ModifyCapacityReservationRequest.class, loadBalancers::modifyCapacityReservation);

        TargetGroupApi targetGroups = new TargetGroupApi(records, lookup, ids, clock, changed);
        add("CreateTargetGroup", CreateTargetGroupRequest.class, targetGroups::create);
        add("DescribeTargetGroups", DescribeTargetGroupsRequest.class, targetGroups::describe);
        add("ModifyTargetGroup", ModifyTargetGroupRequest.class, targetGroups::modify);
        add("DeleteTargetGroup", DeleteTargetGroupRequest.class, targetGroups::delete);
        add("DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest.class, targetGroups::describeAttributes);
        add("ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest.class, targetGroups::modifyAttributes);

        TargetApi targets = new TargetApi(lookup, registrations, health, changed);
        add("RegisterTargets", RegisterTargetsRequest.class, targets::register);
        add("DeregisterTargets", DeregisterTargetsRequest.class, targets::deregister);
        add("DescribeTargetHealth", DescribeTargetHealthRequest.class, targets::describe);

        ListenerApi listeners = new ListenerApi(records, lookup, ids, actions, ports, changed);
        add("CreateListener", CreateListenerRequest.class, listeners::create);
        add("DescribeListeners", DescribeListenersRequest.class, listeners::describe);
        add("ModifyListener", ModifyListenerRequest.class, listeners::modify);
        add("DeleteListener", DeleteListenerRequest.class, listeners::delete);
        add("DescribeListenerAttributes", DescribeListenerAttributesRequest.class, listeners::describeAttributes);
        add("ModifyListenerAttributes", ModifyListenerAttributesRequest.class, listeners::modifyAttributes);

        RuleApi rules = new RuleApi(records, lookup, ids, actions, changed);
        add("CreateRule", CreateRuleRequest.class, rules::create);
        add("DescribeRules", DescribeRulesRequest.class, rules::describe);
        add("ModifyRule", ModifyRuleRequest.class, rules::modify);
        add("DeleteRule", DeleteRuleRequest.class, rules::delete);
        add("SetRulePriorities", SetRulePrioritiesRequest.class, rules::setPriorities);

        TagApi tags = new TagApi(records, lookup);
        add("AddTags", AddTagsRequest.class, tags::add);
        add("RemoveTags", RemoveTagsRequest.class, tags::remove);
        add("DescribeTags", DescribeTagsRequest.class, tags::describe);
    }

    /** Registers an operation; {@code requestType} gives the handler's method reference its request type. */
    private <I extends SdkPojo, O extends SdkPojo> void add(String operation, Class<I> requestType, OperationHandler<I, O> handler) {
        add(operation, handler);
    }
}
