package berth.logs.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import java.time.Clock;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;

/** CloudWatch Logs on AWS JSON 1.1, target prefix {@code Logs_20140328}, signing name {@code logs}. */
public final class LogsService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("logs");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("logs",
            "software.amazon.awssdk.services.cloudwatchlogs.model");

    /** @param retentionChanged called when a group's retention changes, so expired events go promptly */
    public LogsService(LogRecords records, LogStorage storage, Clock clock, Runnable retentionChanged) {
        super(MODEL, DESCRIPTION,
                ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_1).withValidation(LogsErrors.INVALID_PARAMETER.code()));
        LogGroupApi groups = new LogGroupApi(records, storage, clock, retentionChanged);
        LogStreamApi streams = new LogStreamApi(records, storage, clock, groups);
        LogEventsApi events = new LogEventsApi(records, storage, clock);
        FilterEventsApi filter = new FilterEventsApi(records, storage, clock);
        LogTagsApi tags = new LogTagsApi(groups, new LogGroupLookup(records));
        add("CreateLogGroup", (OperationHandler<CreateLogGroupRequest, ?>) groups::create);
        add("DeleteLogGroup", (OperationHandler<DeleteLogGroupRequest, ?>) groups::delete);
        add("DescribeLogGroups", (OperationHandler<DescribeLogGroupsRequest, ?>) groups::describe);
        add("PutRetentionPolicy", (OperationHandler<PutRetentionPolicyRequest, ?>) groups::putRetention);
        add("DeleteRetentionPolicy", (OperationHandler<DeleteRetentionPolicyRequest, ?>) groups::deleteRetention);
        add("PutLogGroupDeletionProtection",
                (OperationHandler<PutLogGroupDeletionProtectionRequest, ?>) groups::putDeletionProtection);
        add("CreateLogStream", (OperationHandler<CreateLogStreamRequest, ?>) streams::create);
        add("DeleteLogStream", (OperationHandler<DeleteLogStreamRequest, ?>) streams::delete);
        add("DescribeLogStreams", (OperationHandler<DescribeLogStreamsRequest, ?>) streams::describe);
        add("PutLogEvents", (OperationHandler<PutLogEventsRequest, ?>) events::put);
        add("GetLogEvents", (OperationHandler<GetLogEventsRequest, ?>) events::get);
        add("FilterLogEvents", (OperationHandler<FilterLogEventsRequest, ?>) filter::filter);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) tags::tagResource);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) tags::untagResource);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) tags::listTagsForResource);
        add("TagLogGroup", (OperationHandler<TagLogGroupRequest, ?>) tags::tagLogGroup);
        add("UntagLogGroup", (OperationHandler<UntagLogGroupRequest, ?>) tags::untagLogGroup);
        add("ListTagsLogGroup", (OperationHandler<ListTagsLogGroupRequest, ?>) tags::listTagsLogGroup);
    }
}
