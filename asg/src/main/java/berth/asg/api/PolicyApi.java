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

/** Scaling policies (simple, step, target tracking), ExecutePolicy, scaling activities and group tags. */
final class PolicyApi {
    private final AsgRecords records;
    private final GroupApi groups;
    private final GroupLoop loop;
    private final Clock clock;
    private final berth.asg.control.PolicyAlarms alarms;

    PolicyApi(AsgRecords records, GroupApi groups, GroupLoop loop, berth.asg.control.PolicyAlarms alarms, Clock clock) {
        this.alarms = alarms;
        this.records = records;
        this.groups = groups;
        this.loop = loop;
        this.clock = clock;
    }

    PutScalingPolicyResponse put(PutScalingPolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group group = groups.find(scope, r.autoScalingGroupName()).value();
        String type = r.policyType() == null ? ScalingPolicy.SIMPLE : r.policyType();
        String arn = scope.arn("autoscaling", "scalingPolicy:" + UUID.nameUUIDFromBytes((group.arn() + r.policyName())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ":autoScalingGroupName/" + group.name()
                + ":policyName/" + r.policyName());
        String key = scope.key(group.name() + "/" + r.policyName());
        var existing = records.policies.find(key);
        if (r.predictiveScalingConfiguration() != null || type.equals("PredictiveScaling")) {
            throw GroupApi.unsupported("PredictiveScaling policies (berth forecasts no load)");
        }
        ScalingPolicy.TargetTracking tracking = null;
        List<ScalingPolicy.StepAdjustment> steps = List.of();
        String adjustment = r.adjustmentType() == null ? "" : r.adjustmentType();
        switch (type) {
            case ScalingPolicy.SIMPLE -> {
                requireAdjustmentType(adjustment);
                if (r.scalingAdjustment() == null) {
                    throw AsgErrors.VALIDATION_ERROR.exception("ScalingAdjustment is required for a SimpleScaling policy");
                }
                refuse(!r.stepAdjustments().isEmpty(), "StepAdjustments", type);
                refuse(r.targetTrackingConfiguration() != null, "TargetTrackingConfiguration", type);
                refuse(r.metricAggregationType() != null, "MetricAggregationType", type);
                refuse(r.estimatedInstanceWarmup() != null, "EstimatedInstanceWarmup", type);
            }
            case ScalingPolicy.STEP -> {
                requireAdjustmentType(adjustment);
                if (r.stepAdjustments().isEmpty()) {
                    throw AsgErrors.VALIDATION_ERROR.exception("StepAdjustments is required for a StepScaling policy");
                }
                refuse(r.scalingAdjustment() != null, "ScalingAdjustment", type);
                refuse(r.cooldown() != null, "Cooldown", type);
                refuse(r.targetTrackingConfiguration() != null, "TargetTrackingConfiguration", type);
                if (r.metricAggregationType() != null && !List.of("Minimum", "Maximum", "Average").contains(r.metricAggregationType())) {
                    throw AsgErrors.VALIDATION_ERROR.exception("MetricAggregationType must be one of Minimum, Maximum, Average");
                }
                steps = PolicyShapes.steps(r.stepAdjustments());
            }
            case ScalingPolicy.TARGET_TRACKING -> {
                if (r.targetTrackingConfiguration() == null) {
                    throw AsgErrors.VALIDATION_ERROR.exception("TargetTrackingConfiguration is required for a TargetTrackingScaling policy");
                }
                refuse(r.adjustmentType() != null, "AdjustmentType", type);
                refuse(r.scalingAdjustment() != null, "ScalingAdjustment", type);
                refuse(r.minAdjustmentMagnitude() != null, "MinAdjustmentMagnitude", type);
                refuse(r.cooldown() != null, "Cooldown", type);
                refuse(!r.stepAdjustments().isEmpty(), "StepAdjustments", type);
                refuse(r.metricAggregationType() != null, "MetricAggregationType", type);
                tracking = PolicyShapes.tracking(r.targetTrackingConfiguration(), group.name());
                if (!alarms.available()) {
                    throw GroupApi.unsupported("TargetTrackingScaling without the cloudwatch module");
                }
            }
            default -> throw AsgErrors.VALIDATION_ERROR.exception("PolicyType must be one of SimpleScaling, StepScaling,"
                    + " TargetTrackingScaling, PredictiveScaling");
        }
        if (r.estimatedInstanceWarmup() != null && r.estimatedInstanceWarmup() < 0) {
            throw AsgErrors.VALIDATION_ERROR.exception("EstimatedInstanceWarmup must be at least 0");
        }
        List<String> owned = existing.map(v -> v.value().alarmNames()).orElse(List.of());
        if (tracking != null) {
            owned = alarms.track(scope, group.name(), arn, tracking, owned);
        } else if (!owned.isEmpty()) {
            existing.ifPresent(v -> alarms.release(v.value()));
            owned = List.of();
        }
        ScalingPolicy policy = new ScalingPolicy(scope.accountId(), scope.region(), group.name(), r.policyName(), arn,
                adjustment, r.scalingAdjustment() == null ? 0 : r.scalingAdjustment(),
                r.minAdjustmentMagnitude() == null ? 0 : r.minAdjustmentMagnitude(), r.cooldown() == null ? -1 : r.cooldown(),
                !Boolean.FALSE.equals(r.enabled()), existing.map(v -> v.value().createdAt()).orElse(clock.instant()), type,
                steps, type.equals(ScalingPolicy.STEP) ? (r.metricAggregationType() == null ? "Average" : r.metricAggregationType()) : "",
                r.estimatedInstanceWarmup() == null ? -1 : r.estimatedInstanceWarmup(), tracking, owned,
                existing.map(v -> v.value().lastActedAt()).orElse(Instant.EPOCH));
        records.policies.save(policy, existing.map(v -> v.version()).orElse(Store.ABSENT));
        return PutScalingPolicyResponse.builder().policyARN(arn).alarms(alarmsOf(scope, policy)).build();
    }

    private static void requireAdjustmentType(String adjustment) {
        if (!List.of("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity").contains(adjustment)) {
            throw AsgErrors.VALIDATION_ERROR.exception("AdjustmentType must be one of ChangeInCapacity, ExactCapacity,"
                    + " PercentChangeInCapacity");
        }
    }

    private static void refuse(boolean given, String field, String type) {
        if (given) {
            throw AsgErrors.VALIDATION_ERROR.exception(field + " is not supported for policy type " + type + ".");
        }
    }

    /** The alarms naming the policy in their actions (a target tracking policy's own among them). */
    private List<Alarm> alarmsOf(Scope scope, ScalingPolicy policy) {
        return alarms.naming(scope, policy.arn()).stream()
                .map(a -> Alarm.builder().alarmName(a.name()).alarmARN(a.arn()).build()).toList();
    }

    DescribePoliciesResponse describe(DescribePoliciesRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        String prefix = r.autoScalingGroupName() == null ? scope.prefix() : scope.key(r.autoScalingGroupName() + "/");
        List<ScalingPolicy> found = records.policies.list(prefix).stream()
                .filter(p -> r.policyNames().isEmpty() || r.policyNames().contains(p.name()) || r.policyNames().contains(p.arn()))
                .filter(p -> r.policyTypes().isEmpty() || r.policyTypes().contains(p.policyType()))
                .toList();
        return DescribePoliciesResponse.builder().scalingPolicies(found.stream()
                .map(p -> AsgShapes.policy(p, alarmsOf(scope, p))).toList()).build();
    }

    DeletePolicyResponse delete(DeletePolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        ScalingPolicy p = policy(scope, r.autoScalingGroupName(), r.policyName());
        alarms.release(p);
        records.policies.find(records.policies.keyOf(p)).ifPresent(v -> records.policies.remove(records.policies.keyOf(p), v.version()));
        return DeletePolicyResponse.builder().build();
    }

    ExecutePolicyResponse execute(ExecutePolicyRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        ScalingPolicy p = policy(scope, r.autoScalingGroupName(), r.policyName());
        if (!p.enabled()) throw AsgErrors.VALIDATION_ERROR.exception("The policy " + p.name() + " is disabled");
        if (p.policyType().equals(ScalingPolicy.TARGET_TRACKING)) {
            throw AsgErrors.VALIDATION_ERROR.exception("ExecutePolicy is not supported for a TargetTrackingScaling policy");
        }
        java.util.Optional<ScalingPolicy.StepAdjustment> step = java.util.Optional.empty();
        if (p.policyType().equals(ScalingPolicy.STEP)) {
            if (r.metricValue() == null || r.breachThreshold() == null) {
                throw AsgErrors.VALIDATION_ERROR.exception("MetricValue and BreachThreshold are required to execute a"
                        + " StepScaling policy");
            }
            double breach = r.metricValue() - r.breachThreshold();
            step = p.stepFor(breach);
            if (step.isEmpty()) {
                throw AsgErrors.VALIDATION_ERROR.exception("No step adjustment of " + p.name() + " holds a breach of " + breach);
            }
        } else if (r.metricValue() != null || r.breachThreshold() != null) {
            throw AsgErrors.VALIDATION_ERROR.exception("MetricValue and BreachThreshold apply to StepScaling policies only");
        }
        java.util.Optional<ScalingPolicy.StepAdjustment> chosen = step;
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
            change[1] = chosen.map(s -> p.desiredFrom(s, g.desiredCapacity(), g.minSize(), g.maxSize()))
                    .orElseGet(() -> p.desiredFrom(g.desiredCapacity(), g.minSize(), g.maxSize()));
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
