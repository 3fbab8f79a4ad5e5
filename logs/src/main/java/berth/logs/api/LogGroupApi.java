package berth.logs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.logs.core.LogGroup;
import berth.logs.core.LogNames;
import berth.logs.core.LogStream;
import berth.logs.core.Retention;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import berth.store.Store;
import berth.store.VersionConflict;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyResponse;

/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups and the group's retention and deletion protection. */
final class LogGroupApi {
    private static final Logger LOG = LoggerFactory.getLogger(LogGroupApi.class);

    private final LogRecords records;
    private final LogStorage storage;
    private final Clock clock;
    private final LogGroupLookup lookup;
    private final Runnable retentionChanged;

    LogGroupApi(LogRecords records, LogStorage storage, Clock clock, Runnable retentionChanged) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.lookup = new LogGroupLookup(records);
        this.retentionChanged = retentionChanged;
    }

    CreateLogGroupResponse create(CreateLogGroupRequest request, RequestContext ctx) {
        String name = request.logGroupName();
        LogNames.groupNameProblem("logGroupName", name).ifPresent(m -> {
            throw LogsErrors.INVALID_PARAMETER.exception(m);
        });
        Map<String, String> tags = LogTags.validated(request.tags());
        Scope scope = ctx.scope();
        LogGroup group = LogGroup.created(scope, name, clock.millis(), tags, request.kmsKeyId() == null ? "" : request.kmsKeyId(),
                request.logGroupClassAsString() == null ? "STANDARD" : request.logGroupClassAsString(),
                Boolean.TRUE.equals(request.deletionProtectionEnabled()));
        try {
            records.saveGroup(group, Store.ABSENT);
        } catch (VersionConflict exists) {
            throw LogsErrors.RESOURCE_ALREADY_EXISTS.exception("The specified log group already exists");
        }
        LOG.info("log group created: {} (account {}, region {})", name, scope.accountId(), scope.region());
        return CreateLogGroupResponse.builder().build();
    }

    DeleteLogGroupResponse delete(DeleteLogGroupRequest request, RequestContext ctx) {
        var group = lookup.require(request.logGroupName(), ctx);
        if (group.value().deletionProtection()) {
            throw LogsErrors.VALIDATION.exception("Log group " + group.value().name()
                    + " has deletion protection enabled. Disable deletion protection before deleting the log group.");
        }
        List<LogStream> streams;
        try {
            streams = records.deleteGroup(group.value(), group.version());
        } catch (VersionConflict changed) {
            return delete(request, ctx);
        }
        for (LogStream stream : streams) {
            deleteEvents(stream);
        }
        LOG.info("log group deleted: {} with {} streams (account {}, region {})", group.value().name(), streams.size(),
                group.value().accountId(), group.value().region());
        return DeleteLogGroupResponse.builder().build();
    }

    /** Removes a deleted stream's events; files left behind by a failure here are swept by the retention loop. */
    void deleteEvents(LogStream stream) {
        try {
            storage.delete(stream.storageId());
        } catch (IOException e) {
            LOG.warn("cannot remove the events of log stream {} yet: {}", stream.name(), e.toString());
        }
    }

    DescribeLogGroupsResponse describe(DescribeLogGroupsRequest request, RequestContext ctx) {
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        if (prefix != null && pattern != null) {
            throw LogsErrors.INVALID_PARAMETER.exception(
                    "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        Set<String> wanted = request.hasLogGroupIdentifiers() ? Set.copyOf(request.logGroupIdentifiers().stream()
                .map(id -> LogGroupLookup.nameOfIdentifier(id, ctx)).toList()) : Set.of();
        if (!wanted.isEmpty() && (prefix != null || pattern != null)) {
            throw LogsErrors.INVALID_PARAMETER.exception("logGroupIdentifiers cannot be combined with a name prefix or pattern.");
        }
        String groupClass = request.logGroupClassAsString();
        List<LogGroup> matching = new ArrayList<>();
        for (LogGroup group : records.groups(ctx.scope())) {
            if (prefix != null && !group.name().startsWith(prefix)) continue;
            if (pattern != null && !group.name().contains(pattern)) continue;
            if (!wanted.isEmpty() && !wanted.contains(group.name())) continue;
            if (groupClass != null && !groupClass.equals(group.logGroupClass())) continue;
            matching.add(group);
        }
        Page<LogGroup> page = Page.of(matching, request.nextToken(), request.limit(), 50, 50, LogGroup::name);
        List<software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup> out = new ArrayList<>();
        for (LogGroup group : page.items()) out.add(toSdk(group, storedBytes(group)));
        return DescribeLogGroupsResponse.builder().logGroups(out).nextToken(page.nextToken().orElse(null)).build();
    }

    private long storedBytes(LogGroup group) {
        long bytes = 0;
        for (LogStream stream : records.streams(group)) {
            bytes += storage.stream(stream.storageId()).stats().storedBytes();
        }
        return bytes;
    }

    PutRetentionPolicyResponse putRetention(PutRetentionPolicyRequest request, RequestContext ctx) {
        int days = request.retentionInDays();
        if (!Retention.valid(days)) throw LogsErrors.INVALID_PARAMETER.exception(Retention.invalidMessage(days));
        update(request.logGroupName(), ctx, group -> group.withRetention(days));
        retentionChanged.run();
        return PutRetentionPolicyResponse.builder().build();
    }

    DeleteRetentionPolicyResponse deleteRetention(DeleteRetentionPolicyRequest request, RequestContext ctx) {
        update(request.logGroupName(), ctx, group -> group.withRetention(0));
        return DeleteRetentionPolicyResponse.builder().build();
    }

    PutLogGroupDeletionProtectionResponse putDeletionProtection(PutLogGroupDeletionProtectionRequest request,
                                                                RequestContext ctx) {
        update(LogGroupLookup.nameOfIdentifier(request.logGroupIdentifier(), ctx), ctx,
                group -> group.withDeletionProtection(Boolean.TRUE.equals(request.deletionProtectionEnabled())));
        return PutLogGroupDeletionProtectionResponse.builder().build();
    }

    /** Applies {@code change} to the named group with compare-and-set, re-reading on conflict. */
    LogGroup update(String name, RequestContext ctx, java.util.function.UnaryOperator<LogGroup> change) {
        return records.updateGroup(ctx.scope(), LogGroupLookup.nameOf(name, null, ctx), change)
                .orElseThrow(LogsErrors::groupNotFound);
    }

    static software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup toSdk(LogGroup group, long storedBytes) {
        var builder = software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup.builder()
                .logGroupName(group.name())
                .creationTime(group.creationTime())
                .metricFilterCount(0)
                .arn(group.arnWithStreams())
                .logGroupArn(group.arn())
                .storedBytes(storedBytes)
                .logGroupClass(group.logGroupClass())
                .deletionProtectionEnabled(group.deletionProtection());
        if (group.expires()) builder.retentionInDays(group.retentionInDays());
        if (!group.kmsKeyId().isEmpty()) builder.kmsKeyId(group.kmsKeyId());
        return builder.build();
    }
}
