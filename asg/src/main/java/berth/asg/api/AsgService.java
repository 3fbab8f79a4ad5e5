package berth.asg.api;

import berth.asg.control.Ec2Fleet;
import berth.asg.control.GroupLoop;
import berth.asg.core.AsgErrors;
import berth.asg.state.AsgRecords;
import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import java.time.Clock;
import software.amazon.awssdk.services.autoscaling.model.*;

/** EC2 Auto Scaling on Query: groups, their instances and protection, activities, simple policies and tags. */
public final class AsgService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("autoscaling");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("autoscaling",
            "software.amazon.awssdk.services.autoscaling.model");

    public AsgService(AsgRecords records, Ec2Fleet fleet, GroupLoop loop, Clock clock) {
        super(MODEL, DESCRIPTION, ServiceErrorCodes.defaultsFor(Protocol.QUERY)
                .withValidation(AsgErrors.VALIDATION_ERROR.code()));
        GroupApi groups = new GroupApi(records, fleet, loop, clock);
        PolicyApi policies = new PolicyApi(records, groups, loop, clock);
        add("CreateAutoScalingGroup", (OperationHandler<CreateAutoScalingGroupRequest, ?>) groups::create);
        add("UpdateAutoScalingGroup", (OperationHandler<UpdateAutoScalingGroupRequest, ?>) groups::update);
        add("DeleteAutoScalingGroup", (OperationHandler<DeleteAutoScalingGroupRequest, ?>) groups::delete);
        add("DescribeAutoScalingGroups", (OperationHandler<DescribeAutoScalingGroupsRequest, ?>) groups::describe);
        add("SetDesiredCapacity", (OperationHandler<SetDesiredCapacityRequest, ?>) groups::setDesired);
        add("DescribeAutoScalingInstances", (OperationHandler<DescribeAutoScalingInstancesRequest, ?>) groups::instances);
        add("SetInstanceProtection", (OperationHandler<SetInstanceProtectionRequest, ?>) groups::protect);
        add("TerminateInstanceInAutoScalingGroup",
                (OperationHandler<TerminateInstanceInAutoScalingGroupRequest, ?>) groups::terminate);
        add("PutScalingPolicy", (OperationHandler<PutScalingPolicyRequest, ?>) policies::put);
        add("DescribePolicies", (OperationHandler<DescribePoliciesRequest, ?>) policies::describe);
        add("DeletePolicy", (OperationHandler<DeletePolicyRequest, ?>) policies::delete);
        add("ExecutePolicy", (OperationHandler<ExecutePolicyRequest, ?>) policies::execute);
        add("DescribeScalingActivities", (OperationHandler<DescribeScalingActivitiesRequest, ?>) policies::activities);
        add("CreateOrUpdateTags", (OperationHandler<CreateOrUpdateTagsRequest, ?>) policies::tag);
        add("DeleteTags", (OperationHandler<DeleteTagsRequest, ?>) policies::untag);
        add("DescribeTags", (OperationHandler<DescribeTagsRequest, ?>) policies::tags);
    }
}
