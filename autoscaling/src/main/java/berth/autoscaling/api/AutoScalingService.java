package berth.autoscaling.api;

import berth.autoscaling.ScalingControl;
import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.model.ServiceDescription;
import software.amazon.awssdk.services.applicationautoscaling.model.*;

/** Application Auto Scaling on AWS JSON 1.1, target prefix {@code AnyScaleFrontendService}. */
public final class AutoScalingService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("application-autoscaling");

    public AutoScalingService(ScalingControl control) {
        super(DESCRIPTION.toServiceModel("application-autoscaling",
                "software.amazon.awssdk.services.applicationautoscaling.model"), DESCRIPTION);
        TargetApi targets = new TargetApi(control);
        PolicyApi policies = new PolicyApi(control);
        add("RegisterScalableTarget", (OperationHandler<RegisterScalableTargetRequest, ?>) targets::register);
        add("DeregisterScalableTarget", (OperationHandler<DeregisterScalableTargetRequest, ?>) targets::deregister);
        add("DescribeScalableTargets", (OperationHandler<DescribeScalableTargetsRequest, ?>) targets::describe);
        add("DescribeScalingActivities", (OperationHandler<DescribeScalingActivitiesRequest, ?>) targets::activities);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) targets::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) targets::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) targets::tags);
        add("PutScalingPolicy", (OperationHandler<PutScalingPolicyRequest, ?>) policies::put);
        add("DeleteScalingPolicy", (OperationHandler<DeleteScalingPolicyRequest, ?>) policies::delete);
        add("DescribeScalingPolicies", (OperationHandler<DescribeScalingPoliciesRequest, ?>) policies::describe);
        add("PutScheduledAction", (OperationHandler<PutScheduledActionRequest, ?>) policies::putScheduled);
        add("DeleteScheduledAction", (OperationHandler<DeleteScheduledActionRequest, ?>) policies::deleteScheduled);
        add("DescribeScheduledActions", (OperationHandler<DescribeScheduledActionsRequest, ?>) policies::describeScheduled);
        add("GetPredictiveScalingForecast", (OperationHandler<GetPredictiveScalingForecastRequest, ?>) policies::forecast);
    }
}
