package berth.ecs.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ECS cluster in one account and region. {@code status} is ACTIVE, or INACTIVE once deleted
 * (ECS keeps describing deleted clusters as INACTIVE; creating the name again reactivates it).
 */
public record Cluster(String accountId, String region, String name, String status, Map<String, String> tags,
                      List<Setting> settings, Instant createdAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    /** A cluster setting such as {@code containerInsights=enabled}. */
    public record Setting(String name, String value) {}

    public Cluster {
        tags = Map.copyOf(tags);
        settings = List.copyOf(settings);
    }

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    public String arn() {
        return EcsArns.cluster(accountId, region, name);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public Cluster withStatus(String newStatus) {
        return new Cluster(accountId, region, name, newStatus, tags, settings, createdAt);
    }

    public Cluster withTags(Map<String, String> newTags) {
        return new Cluster(accountId, region, name, status, newTags, settings, createdAt);
    }

    public Cluster withSettings(List<Setting> newSettings) {
        return new Cluster(accountId, region, name, status, tags, newSettings, createdAt);
    }
}
