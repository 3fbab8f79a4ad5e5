package berth.scheduler.core;

import java.util.Map;

/** A schedule group (kind {@code scheduler.group}, key {@code account/region/name}); {@code default} exists in every scope without a record until tagged. */
public record ScheduleGroup(String accountId, String region, String name, String arn, long createdMillis,
                            long modifiedMillis, Map<String, String> tags, String clientToken) {
    public static final String DEFAULT = "default";

    public ScheduleGroup withTags(Map<String, String> newTags, long now) {
        return new ScheduleGroup(accountId, region, name, arn, createdMillis, now, Map.copyOf(newTags), clientToken);
    }
}
