package berth.autoscaling.core;

import berth.aws.Scope;
import java.time.Instant;

/**
 * A scheduled change of a target's minimum and maximum capacity ({@code at(...)}, {@code rate(...)}
 * or {@code cron(...)} in a time zone), and when it last ran.
 *
 * @param minCapacity -1 when not set
 * @param maxCapacity -1 when not set
 */
public record ScheduledAction(String accountId, String region, String name, String arn, String namespace, String resourceId,
                              String dimension, String schedule, String timezone, Instant startTime, Instant endTime,
                              int minCapacity, int maxCapacity, Instant creationTime, Instant lastRun) {
    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String targetId() {
        return ScalableTarget.id(namespace, resourceId, dimension);
    }

    public ScheduledAction ran(Instant at) {
        return new ScheduledAction(accountId, region, name, arn, namespace, resourceId, dimension, schedule, timezone,
                startTime, endTime, minCapacity, maxCapacity, creationTime, at);
    }
}
