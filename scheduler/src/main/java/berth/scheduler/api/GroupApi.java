package berth.scheduler.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import berth.platform.RecordTable.Versioned;
import berth.scheduler.core.ScheduleGroup;
import berth.scheduler.state.SchedulerRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsRequest;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsResponse;
import software.amazon.awssdk.services.scheduler.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.scheduler.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.TagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.TagResourceResponse;
import software.amazon.awssdk.services.scheduler.model.UntagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.UntagResourceResponse;

/**
 * Schedule groups and their tags (AWS tags groups only). Every scope has the {@code default} group,
 * which cannot be created or deleted; its record is written the first time it is read.
 */
final class GroupApi {
    private static final int MAX_TAGS = 200;

    private final SchedulerRecords records;
    private final Clock clock;

    GroupApi(SchedulerRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    CreateScheduleGroupResponse create(CreateScheduleGroupRequest r, RequestContext context) {
        Scope scope = context.scope();
        Optional<Versioned<ScheduleGroup>> existing = records.group(scope, r.name());
        if (r.name().equals(ScheduleGroup.DEFAULT) || existing.isPresent()) {
            if (existing.isPresent() && r.clientToken() != null && r.clientToken().equals(existing.get().value().clientToken())) {
                return CreateScheduleGroupResponse.builder().scheduleGroupArn(existing.get().value().arn()).build();
            }
            throw SchedulerErrors.CONFLICT.exception("Schedule group " + r.name() + " already exists.");
        }
        Map<String, String> tags = merged(Map.of(), r.hasTags() ? r.tags() : List.of());
        long now = clock.millis();
        ScheduleGroup group = new ScheduleGroup(scope.accountId(), scope.region(), r.name(), arnOf(scope, r.name()), now, now,
                tags, r.clientToken() == null ? "" : r.clientToken());
        try {
            records.saveGroup(group, Store.ABSENT);
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule group " + r.name() + " already exists.");
        }
        return CreateScheduleGroupResponse.builder().scheduleGroupArn(group.arn()).build();
    }

    GetScheduleGroupResponse get(GetScheduleGroupRequest r, RequestContext context) {
        ScheduleGroup g = find(context.scope(), r.name()).map(Versioned::value).orElseThrow(() -> SchedulerErrors.noGroup(r.name()));
        return GetScheduleGroupResponse.builder().arn(g.arn()).name(g.name()).state(ScheduleGroupState.ACTIVE)
                .creationDate(Instant.ofEpochMilli(g.createdMillis())).lastModificationDate(Instant.ofEpochMilli(g.modifiedMillis()))
                .build();
    }

    DeleteScheduleGroupResponse delete(DeleteScheduleGroupRequest r, RequestContext context) {
        if (r.name().equals(ScheduleGroup.DEFAULT)) {
            throw SchedulerErrors.invalid("The default schedule group cannot be deleted.");
        }
        Scope scope = context.scope();
        Versioned<ScheduleGroup> group = records.group(scope, r.name()).orElseThrow(() -> SchedulerErrors.noGroup(r.name()));
        try {
            records.deleteGroup(scope, r.name(), group.version(), records.schedulesVersioned(scope, r.name()));
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule group " + r.name() + " was changed concurrently; try again.");
        }
        return DeleteScheduleGroupResponse.builder().build();
    }

    ListScheduleGroupsResponse list(ListScheduleGroupsRequest r, RequestContext context) {
        find(context.scope(), ScheduleGroup.DEFAULT);
        var matching = records.groups(context.scope()).stream()
                .filter(g -> r.namePrefix() == null || g.name().startsWith(r.namePrefix())).toList();
        Page<ScheduleGroup> page = Page.of(matching, r.nextToken(), r.maxResults(), 100, 100, ScheduleGroup::name);
        return ListScheduleGroupsResponse.builder().nextToken(page.nextToken().orElse(null)).scheduleGroups(page.items().stream()
                .map(g -> ScheduleGroupSummary.builder().arn(g.arn()).name(g.name()).state(ScheduleGroupState.ACTIVE)
                        .creationDate(Instant.ofEpochMilli(g.createdMillis()))
                        .lastModificationDate(Instant.ofEpochMilli(g.modifiedMillis())).build()).toList()).build();
    }

    TagResourceResponse tag(TagResourceRequest r, RequestContext context) {
        Versioned<ScheduleGroup> group = tagged(context, r.resourceArn());
        save(group, group.value().withTags(merged(group.value().tags(), r.tags()), clock.millis()));
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest r, RequestContext context) {
        Versioned<ScheduleGroup> group = tagged(context, r.resourceArn());
        Map<String, String> tags = new LinkedHashMap<>(group.value().tags());
        r.tagKeys().forEach(tags::remove);
        save(group, group.value().withTags(tags, clock.millis()));
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse tags(ListTagsForResourceRequest r, RequestContext context) {
        Versioned<ScheduleGroup> group = tagged(context, r.resourceArn());
        List<Tag> tags = new ArrayList<>();
        new java.util.TreeMap<>(group.value().tags()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    private void save(Versioned<ScheduleGroup> group, ScheduleGroup changed) {
        try {
            records.saveGroup(changed, group.version());
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule group " + group.value().name() + " was changed concurrently; try again.");
        }
    }

    /** The group a tagging call names: only schedule groups of the caller's scope carry tags. */
    private Versioned<ScheduleGroup> tagged(RequestContext context, String resourceArn) {
        Arn arn = Arn.parse(resourceArn).filter(a -> a.service().equals("scheduler"))
                .orElseThrow(() -> SchedulerErrors.invalid("Invalid ResourceArn " + resourceArn + "."));
        if (!arn.resourceType().equals("schedule-group")) {
            throw SchedulerErrors.invalid("Tags can only be applied to schedule groups; " + resourceArn + " is not one.");
        }
        if (!arn.accountId().equals(context.accountId()) || !arn.region().equals(context.region())) {
            throw SchedulerErrors.noGroup(arn.resourceName());
        }
        return find(context.scope(), arn.resourceName()).orElseThrow(() -> SchedulerErrors.noGroup(arn.resourceName()));
    }

    private Optional<Versioned<ScheduleGroup>> find(Scope scope, String name) {
        Optional<Versioned<ScheduleGroup>> found = records.group(scope, name);
        if (found.isPresent() || !name.equals(ScheduleGroup.DEFAULT)) {
            return found;
        }
        long now = clock.millis();
        try {
            records.saveGroup(new ScheduleGroup(scope.accountId(), scope.region(), name, arnOf(scope, name), now, now, Map.of(), ""),
                    Store.ABSENT);
        } catch (VersionConflict e) {
            // written concurrently by another request: read it back
        }
        return records.group(scope, name);
    }

    private static Map<String, String> merged(Map<String, String> current, List<Tag> added) {
        Map<String, String> tags = new LinkedHashMap<>(current);
        added.forEach(t -> tags.put(t.key(), t.value()));
        if (tags.size() > MAX_TAGS) {
            throw SchedulerErrors.invalid("A schedule group can have at most " + MAX_TAGS + " tags.");
        }
        return tags;
    }

    private static String arnOf(Scope scope, String name) {
        return Arn.of("scheduler", scope.region(), scope.accountId(), "schedule-group", name).format();
    }
}
