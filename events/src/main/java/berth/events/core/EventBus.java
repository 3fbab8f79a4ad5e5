package berth.events.core;

import java.util.Map;

/**
 * An event bus (kind {@code events.bus}, key {@code account/region/name}). The {@code default} bus of
 * every account and region exists without being created; it is stored only once it is tagged.
 */
public record EventBus(String accountId, String region, String name, String arn, String description,
                       long createdMillis, long modifiedMillis, Map<String, String> tags) {
    public static final String DEFAULT = "default";

    public EventBus {
        tags = Map.copyOf(tags);
    }

    public static EventBus defaultOf(String accountId, String region) {
        return new EventBus(accountId, region, DEFAULT, arn(accountId, region, DEFAULT), "", 0, 0, Map.of());
    }

    public static String arn(String accountId, String region, String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    public EventBus withTags(Map<String, String> newTags) {
        return new EventBus(accountId, region, name, arn, description, createdMillis, modifiedMillis, newTags);
    }

    public EventBus withDescription(String newDescription, long now) {
        return new EventBus(accountId, region, name, arn, newDescription, createdMillis, now, tags);
    }
}
