package berth.scheduler.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.scheduler.state.SchedulerRecords;
import java.time.Clock;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.scheduler.model.TagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.UntagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/** EventBridge Scheduler on REST-JSON (signing name {@code scheduler}): one table of schedule, group and tag handlers. */
public final class SchedulerService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("scheduler");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("scheduler", "software.amazon.awssdk.services.scheduler.model");

    public SchedulerService(SchedulerRecords records, Clock clock, Runnable wake) {
        super(MODEL, DESCRIPTION);
        ScheduleApi schedules = new ScheduleApi(records, clock, wake);
        GroupApi groups = new GroupApi(records, clock);
        add("CreateSchedule", (OperationHandler<CreateScheduleRequest, ?>) schedules::create);
        add("GetSchedule", (OperationHandler<GetScheduleRequest, ?>) schedules::get);
        add("UpdateSchedule", (OperationHandler<UpdateScheduleRequest, ?>) schedules::update);
        add("DeleteSchedule", (OperationHandler<DeleteScheduleRequest, ?>) schedules::delete);
        add("ListSchedules", (OperationHandler<ListSchedulesRequest, ?>) schedules::list);
        add("CreateScheduleGroup", (OperationHandler<CreateScheduleGroupRequest, ?>) groups::create);
        add("GetScheduleGroup", (OperationHandler<GetScheduleGroupRequest, ?>) groups::get);
        add("DeleteScheduleGroup", (OperationHandler<DeleteScheduleGroupRequest, ?>) groups::delete);
        add("ListScheduleGroups", (OperationHandler<ListScheduleGroupsRequest, ?>) groups::list);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) groups::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) groups::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) groups::tags);
    }
}
