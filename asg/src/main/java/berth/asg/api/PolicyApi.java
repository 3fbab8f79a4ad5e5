package berth.asg.api;

import berth.asg.control.GroupLoop;
import berth.asg.core.Activity;
import berth.asg.core.AsgErrors;
import berth.asg.core.Group;
import berth.asg.core.ScalingPolicy;
import berth.asg.state.AsgRecords;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.autoscaling.model.*;

/** Simple scaling policies (run with ExecutePolicy), scaling activities and group tags. */
final class PolicyApi {
    private final AsgRecords records;
    private final GroupApi groups;
    private final GroupLoop loop;
    private final Clock clock;

    PolicyApi(AsgRecords records, GroupApi groups, GroupLoop loop, Clock clock) {
        this.records = records;
        this.groups = groups;
        this.loop = loop;
        this.clock = clock;
    }

    PutScalingPolicyResponse put(PutScalingPolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group group = groups.find(scope, r.autoScalingGroupName()).value();
        String type = r.policyType() == null ? "SimpleScaling" : r.policyType();
        if (!type.equals("SimpleScaling")) {
            throw GroupApi.unsupported("policy type " + type + " (berth has no CloudWatch alarms or metrics to drive it);"
                    + " use SimpleScaling with ExecutePolicy");
        }
        String adjustment = r.adjustmentType();
        if (adjustment == null || !List.of("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity").contains(adjustment)) {
            throw AsgErrors.VALIDATION_ERROR.exception("AdjustmentType must be one of ChangeInCapacity, ExactCapacity,"
                    + " PercentChangeInCapacity");
        }
        if (r.scalingAdjustment() == null) {
            throw AsgErrors.VALIDATION_ERROR.exception("ScalingAdjustment is required for a SimpleScaling policy");
        }
        if (!r.stepAdjustments().isEmpty() || r.targetTrackingConfiguration() != null || r.predictiveScalingConfiguration() != null
                || r.metricAggregationType() != null || r.estimatedInstanceWarmup() != null) {
            throw AsgErrors.VALIDATION_ERROR.exception("Only AdjustmentType, ScalingAdjustment, MinAdjustmentMagnitude, Cooldown"
                    + " and Enabled apply to a SimpleScaling policy");
        }
        String arn = scope.arn("autoscaling", "scalingPolicy:" + UUID.nameUUIDFromBytes((group.arn() + r.policyName())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ":autoScalingGroupName/" + group.name()
                + ":policyName/" + r.policyName());
        ScalingPolicy policy = new ScalingPolicy(scope.accountId(), scope.region(), group.name(), r.policyName(), arn, adjustment,
                r.scalingAdjustment(), r.minAdjustmentMagnitude() == null ? 0 : r.minAdjustmentMagnitude(),
                r.cooldown() == null ? -1 : r.cooldown(), !Boolean.FALSE.equals(r.enabled()), clock.instant());
        String key = records.policies.keyOf(policy);
        long version = records.policies.find(key).map(v -> v.version()).orElse(Store.ABSENT);
        records.policies.save(policy, version);
        return PutScalingPolicyResponse.builder().policyARN(arn).alarms(List.of()).build();
    }

    DescribePoliciesResponse describe(DescribePoliciesRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        String prefix = r.autoScalingGroupName() == null ? scope.prefix() : scope.key(r.autoScalingGroupName() + "/");
        List<ScalingPolicy> found = records.policies.list(prefix).stream()
                .filter(p -> r.policyNames().isEmpty() || r.policyNames().contains(p.name()) || r.policyNames().contains(p.arn()))
                .toList();
        return DescribePoliciesResponse.builder().scalingPolicies(found.stream().map(AsgShapes::policy).toList()).build();
    }

    DeletePolicyResponse delete(DeletePolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        ScalingPolicy p = policy(scope, r.autoScalingGroupName(), r.policyName());
        records.policies.find(records.policies.keyOf(p)).ifPresent(v -> records.policies.remove(records.policies.keyOf(p), v.version()));
        return DeletePolicyResponse.builder().build();
    }

    ExecutePolicyResponse execute(ExecutePolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        ScalingPolicy p = policy(scope, r.autoScalingGroupName(), r.policyName());
        if (!p.enabled()) throw AsgErrors.VALIDATION_ERROR.exception("The policy " + p.name() + " is disabled");
        Instant now = clock.instant();
        boolean honor = !Boolean.FALSE.equals(r.honorCooldown());
        int[] change = new int[2];
        records.groups.update(scope.key(p.groupName()), g -> {
            int cooldown = p.cooldown() >= 0 ? p.cooldown() : g.defaultCooldown();
            if (honor && g.lastScaledAt().plusSeconds(cooldown).isAfter(now)) {
                throw AsgErrors.SCALING_ACTIVITY_IN_PROGRESS.exception("The scaling activity cannot be performed because"
                        + " the group is in its cooldown period.");
            }
            change[0] = g.desiredCapacity();
            change[1] = p.desiredFrom(g.desiredCapacity(), g.minSize(), g.maxSize());
            return g.withSize(g.minSize(), g.maxSize(), change[1]).withScaledAt(now);
        });
        records.record(new Activity(scope.accountId(), scope.region(), p.groupName(), UUID.randomUUID().toString(),
                "Executing policy " + p.name(), "At " + now + " a user request executed policy " + p.name()
                + " changing the desired capacity from " + change[0] + " to " + change[1] + ".", now, now, "Successful", "", 100,
                "{}"));
        loop.wake();
        return ExecutePolicyResponse.builder().build();
    }

    private ScalingPolicy policy(Scope scope, String group, String nameOrArn) {
        return records.policies.list(scope.prefix()).stream().filter(p -> (group == null || p.groupName().equals(group))
                && (p.name().equals(nameOrArn) || p.arn().equals(nameOrArn))).findFirst()
                .orElseThrow(() -> AsgErrors.VALIDATION_ERROR.exception("No such policy: " + nameOrArn));
    }

    DescribeScalingActivitiesResponse activities(DescribeScalingActivitiesRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Activity> all = new ArrayList<>();
        if (r.autoScalingGroupName() != null) {
            all.addAll(records.activitiesOf(scope, r.autoScalingGroupName()));
        } else {
            all.addAll(records.activities.list(scope.prefix()));
        }
        List<Activity> found = all.stream().filter(a -> r.activityIds().isEmpty() || r.activityIds().contains(a.id()))
                .sorted(Comparator.comparing(Activity::startTime).reversed().thenComparing(Activity::id)).toList();
        int max = r.maxRecords() == null ? 100 : Math.min(100, r.maxRecords());
        var page = berth.aws.paging.Page.of(found, r.nextToken(), max, 100, 100, a -> a.startTime() + "/" + a.id());
        return DescribeScalingActivitiesResponse.builder().activities(page.items().stream().map(AsgShapes::activity).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    CreateOrUpdateTagsResponse tag(CreateOrUpdateTagsRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        for (Tag t : r.tags()) {
            Group g = groups.find(scope, t.resourceId()).value();
            records.groups.update(scope.key(g.name()), group -> {
                List<Group.GroupTag> tags = new ArrayList<>(group.tags().stream().filter(x -> !x.key().equals(t.key())).toList());
                tags.add(new Group.GroupTag(t.key(), t.value() == null ? "" : t.value(), Boolean.TRUE.equals(t.propagateAtLaunch())));
                if (tags.size() > 50) throw AsgErrors.LIMIT_EXCEEDED.exception("The number of tags exceeds 50");
                return group.withTags(tags);
            });
        }
        return CreateOrUpdateTagsResponse.builder().build();
    }

    DeleteTagsResponse untag(DeleteTagsRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        for (Tag t : r.tags()) {
            Group g = groups.find(scope, t.resourceId()).value();
            records.groups.update(scope.key(g.name()), group -> group.withTags(group.tags().stream()
                    .filter(x -> !x.key().equals(t.key())).toList()));
        }
        return DeleteTagsResponse.builder().build();
    }

    DescribeTagsResponse tags(DescribeTagsRequest r, RequestContext ctx) {
        List<TagDescription> out = new ArrayList<>();
        for (Group g : records.groups.list(ctx.scope().prefix())) {
            for (Group.GroupTag t : g.tags()) {
                boolean ok = true;
                for (Filter f : r.filters()) {
                    String value = switch (f.name() == null ? "" : f.name()) {
                        case "auto-scaling-group" -> g.name();
                        case "key" -> t.key();
                        case "value" -> t.value();
                        case "propagate-at-launch" -> Boolean.toString(t.propagateAtLaunch());
                        default -> throw AsgErrors.VALIDATION_ERROR.exception("Filter name " + f.name() + " is not valid");
                    };
                    ok &= f.values().contains(value);
                }
                if (ok) out.add(AsgShapes.tag(g, t));
            }
        }
        return DescribeTagsResponse.builder().tags(out).build();
    }
}
