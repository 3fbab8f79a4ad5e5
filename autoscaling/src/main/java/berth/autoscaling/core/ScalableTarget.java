package berth.autoscaling.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.Map;

/**
 * A registered scalable target ({@code ecs:service:DesiredCount} of {@code service/cluster/name}),
 * its capacity limits, suspended states, and when the scaler last scaled it out and in (cooldowns).
 */
public record ScalableTarget(String accountId, String region, String namespace, String resourceId, String dimension,
                             int minCapacity, int maxCapacity, String roleArn, boolean dynamicScalingInSuspended,
                             boolean dynamicScalingOutSuspended, boolean scheduledScalingSuspended, Instant creationTime,
                             String arn, Map<String, String> tags, Instant lastScaleOut, Instant lastScaleIn) {
    public ScalableTarget {
        tags = Map.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** The key of a target: {@code namespace|resourceId|dimension}. */
    public static String id(String namespace, String resourceId, String dimension) {
        return namespace + "|" + resourceId + "|" + dimension;
    }

    public String id() {
        return id(namespace, resourceId, dimension);
    }

    public ScalableTarget withCapacity(int min, int max) {
        return new ScalableTarget(accountId, region, namespace, resourceId, dimension, min, max, roleArn,
                dynamicScalingInSuspended, dynamicScalingOutSuspended, scheduledScalingSuspended, creationTime, arn, tags,
                lastScaleOut, lastScaleIn);
    }

    public ScalableTarget withTags(Map<String, String> t) {
        return new ScalableTarget(accountId, region, namespace, resourceId, dimension, minCapacity, maxCapacity, roleArn,
                dynamicScalingInSuspended, dynamicScalingOutSuspended, scheduledScalingSuspended, creationTime, arn, t,
                lastScaleOut, lastScaleIn);
    }

    public ScalableTarget scaled(boolean out, Instant at) {
        return new ScalableTarget(accountId, region, namespace, resourceId, dimension, minCapacity, maxCapacity, roleArn,
                dynamicScalingInSuspended, dynamicScalingOutSuspended, scheduledScalingSuspended, creationTime, arn, tags,
                out ? at : lastScaleOut, out ? lastScaleIn : at);
    }

    /** The ECS cluster and service of {@code service/cluster/name}. */
    public String[] ecsService() {
        String[] parts = resourceId.split("/", 3);
        return new String[] {parts[1], parts[2]};
    }
}
