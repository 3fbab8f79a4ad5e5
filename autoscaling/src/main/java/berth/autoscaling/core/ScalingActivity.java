package berth.autoscaling.core;

import java.time.Instant;

/** One scaling activity as DescribeScalingActivities shows it. */
public record ScalingActivity(String accountId, String region, String activityId, String namespace, String resourceId,
                              String dimension, String description, String cause, Instant startTime, Instant endTime,
                              String statusCode, String statusMessage, long sequence) {}
