package berth.autoscaling;

import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingPolicy;
import berth.autoscaling.core.ScheduledAction;
import berth.autoscaling.state.ScalingRecords;
import berth.aws.AwsException;
import berth.aws.Scope;
import berth.cloudwatch.MetricAlarms;
import berth.ecs.ServiceCapacity;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Application Auto Scaling's operations on core records, for the API and for other modules in
 * process (published on the platform: App Runner registers a target and puts a target tracking
 * policy through it): registers targets, puts and deletes policies with the alarms a target
 * tracking policy owns, puts and deletes scheduled actions. Refusals are {@link AwsException}s
 * with Application Auto Scaling's codes.
 */
public final class ScalingControl {
    public final ScalingRecords records;
    public final Clock clock;
    private final MetricAlarms alarms;
    private final ServiceCapacity capacity;
    private final TargetTrackingAlarms tracking;
    private final Runnable wake;

    public ScalingControl(ScalingRecords records, Clock clock, MetricAlarms alarms, ServiceCapacity capacity,
                          TargetTrackingAlarms tracking, Runnable wake) {
        this.records = records;
        this.clock = clock;
        this.alarms = alarms;
        this.capacity = capacity;
        this.tracking = tracking;
        this.wake = wake;
    }

    private static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    /** Registers or updates a target; null limits keep the registered ones (and are required for a new target). */
    public ScalableTarget register(Scope scope, String namespace, String resourceId, String dimension, Integer min,
                                   Integer max, String roleArn, Boolean inSuspended, Boolean outSuspended,
                                   Boolean scheduledSuspended, Map<String, String> tags) {
        if (!namespace.equals("ecs") || !dimension.equals("ecs:service:DesiredCount")) {
            throw validation("berth scales ECS services only: namespace ecs, dimension ecs:service:DesiredCount.");
        }
        String[] parts = resourceId.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("service") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw validation("Unsupported service namespace, resource type or scalable dimension");
        }
        if (capacity.find(scope, parts[1], parts[2]).isEmpty()) {
            throw validation("ECS service doesn't exist: " + resourceId);
        }
        String key = ScalingRecords.targetKey(scope, namespace, resourceId, dimension);
        Optional<ScalableTarget> existing = records.targets.find(key).map(v -> v.value());
        int newMin = min != null ? min : existing.map(ScalableTarget::minCapacity)
                .orElseThrow(() -> validation("MinCapacity and MaxCapacity are required for a new scalable target."));
        int newMax = max != null ? max : existing.map(ScalableTarget::maxCapacity)
                .orElseThrow(() -> validation("MinCapacity and MaxCapacity are required for a new scalable target."));
        if (newMin < 0 || newMax < 0) {
            throw validation("Minimum and maximum capacity must be at least 0.");
        }
        if (newMin > newMax) {
            throw validation("Minimum capacity cannot be greater than maximum capacity");
        }
        ScalableTarget target = new ScalableTarget(scope.accountId(), scope.region(), namespace, resourceId, dimension, newMin,
                newMax, roleArn != null ? roleArn : existing.map(ScalableTarget::roleArn).orElse(scope.arn("iam", "")
                .replace(":" + scope.region() + ":", "::") + "role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_ECSService"),
                inSuspended != null ? inSuspended : existing.map(ScalableTarget::dynamicScalingInSuspended).orElse(false),
                outSuspended != null ? outSuspended : existing.map(ScalableTarget::dynamicScalingOutSuspended).orElse(false),
                scheduledSuspended != null ? scheduledSuspended
                        : existing.map(ScalableTarget::scheduledScalingSuspended).orElse(false),
                existing.map(ScalableTarget::creationTime).orElse(clock.instant()),
                existing.map(ScalableTarget::arn).orElse(scope.arn("application-autoscaling", "scalable-target/"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 28))),
                existing.map(ScalableTarget::tags).orElse(tags), existing.map(ScalableTarget::lastScaleOut).orElse(null),
                existing.map(ScalableTarget::lastScaleIn).orElse(null));
        records.targets.save(key, target, records.targets.find(key).map(v -> v.version()).orElse(Store.ABSENT));
        wake.run();
        return target;
    }

    public Optional<ScalableTarget> target(Scope scope, String namespace, String resourceId, String dimension) {
        return records.targets.find(ScalingRecords.targetKey(scope, namespace, resourceId, dimension)).map(v -> v.value());
    }

    /** Deregisters a target with its policies (and their alarms) and scheduled actions. */
    public void deregister(ScalableTarget target) {
        records.policiesOf(target).forEach(this::deletePolicy);
        records.scheduledOf(target).forEach(a -> records.scheduled.remove(records.scheduled.keyOf(a), Store.ANY));
        records.targets.remove(records.targets.keyOf(target), Store.ANY);
    }

    /** Creates or replaces a policy of a registered target; a target tracking policy gets its alarms. */
    public ScalingPolicy putPolicy(ScalableTarget target, String name, String type, ScalingPolicy.TargetTracking tt,
                                   ScalingPolicy.StepScaling step) {
        Scope scope = target.scope();
        String key = scope.key(target.id() + "|" + name);
        Optional<ScalingPolicy> existing = records.policies.find(key).map(v -> v.value());
        if (existing.isPresent() && !existing.get().type().equals(type)) {
            throw validation("Cannot change the policy type of existing policy " + name);
        }
        if (tt != null) {
            tracking.problem(tt.metric()).ifPresent(problem -> {
                throw validation("Invalid metrics in CustomizedMetricSpecification: " + problem);
            });
        }
        String arn = existing.map(ScalingPolicy::arn).orElse("arn:aws:autoscaling:" + scope.region() + ":" + scope.accountId()
                + ":scalingPolicy:" + UUID.randomUUID() + ":resource/" + target.namespace() + "/" + target.resourceId()
                + ":policyName/" + name);
        List<String> alarmNames = new ArrayList<>();
        if (type.equals(ScalingPolicy.TARGET_TRACKING)) {
            alarmNames.addAll(tracking.put(target, arn, tt, existing.map(ScalingPolicy::alarmNames).orElse(List.of())));
        }
        ScalingPolicy policy = new ScalingPolicy(scope.accountId(), scope.region(), name, arn, target.namespace(),
                target.resourceId(), target.dimension(), type, tt, step, alarmNames,
                existing.map(ScalingPolicy::creationTime).orElse(clock.instant()),
                existing.map(ScalingPolicy::lastAction).orElse(null));
        records.policies.save(key, policy, records.policies.find(key).map(v -> v.version()).orElse(Store.ABSENT));
        wake.run();
        return policy;
    }

    public void deletePolicy(ScalingPolicy policy) {
        policy.alarmNames().forEach(n -> alarms.delete(policy.scope(), n));
        records.policies.remove(records.policies.keyOf(policy), Store.ANY);
    }

    public MetricAlarms alarms() {
        return alarms;
    }

    public ScheduledAction putScheduled(ScalableTarget target, ScheduledAction action) {
        String key = records.scheduled.keyOf(action);
        records.scheduled.save(key, action, records.scheduled.find(key).map(v -> v.version()).orElse(Store.ABSENT));
        wake.run();
        return action;
    }
}
