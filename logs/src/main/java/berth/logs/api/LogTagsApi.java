package berth.logs.api;

import berth.aws.RequestContext;
import berth.logs.core.LogArns;
import berth.logs.core.LogGroup;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/** Tags of log groups, by ARN (TagResource and friends) and by name (the older TagLogGroup and friends). */
final class LogTagsApi {
    private final LogGroupApi groups;
    private final LogGroupLookup lookup;

    LogTagsApi(LogGroupApi groups, LogGroupLookup lookup) {
        this.groups = groups;
        this.lookup = lookup;
    }

    TagResourceResponse tagResource(TagResourceRequest request, RequestContext ctx) {
        groups.update(groupOfArn(request.resourceArn(), ctx), ctx, g -> g.withTags(LogTags.merged(g.tags(), request.tags())));
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request, RequestContext ctx) {
        groups.update(groupOfArn(request.resourceArn(), ctx), ctx, g -> g.withTags(without(g, request.tagKeys())));
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request, RequestContext ctx) {
        LogGroup group = lookup.require(groupOfArn(request.resourceArn(), ctx), ctx).value();
        return ListTagsForResourceResponse.builder().tags(group.sortedTags()).build();
    }

    TagLogGroupResponse tagLogGroup(TagLogGroupRequest request, RequestContext ctx) {
        groups.update(request.logGroupName(), ctx, g -> g.withTags(LogTags.merged(g.tags(), request.tags())));
        return TagLogGroupResponse.builder().build();
    }

    UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request, RequestContext ctx) {
        groups.update(request.logGroupName(), ctx, g -> g.withTags(without(g, request.tags())));
        return UntagLogGroupResponse.builder().build();
    }

    ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request, RequestContext ctx) {
        LogGroup group = lookup.require(request.logGroupName(), ctx).value();
        return ListTagsLogGroupResponse.builder().tags(group.sortedTags()).build();
    }

    private static Map<String, String> without(LogGroup group, java.util.List<String> keys) {
        Map<String, String> tags = new LinkedHashMap<>(group.tags());
        keys.forEach(tags::remove);
        return tags;
    }

    /** The group a tagging ARN names; only log groups of the caller's account and region carry tags here. */
    private static String groupOfArn(String arn, RequestContext ctx) {
        LogArns.GroupRef ref = LogArns.parseGroup(arn).orElseThrow(() -> LogsErrors.INVALID_PARAMETER.exception(
                "The specified resource ARN is not valid: " + arn));
        if (!ref.scope().equals(ctx.scope())) {
            throw LogsErrors.groupNotFound();
        }
        return ref.name();
    }
}
