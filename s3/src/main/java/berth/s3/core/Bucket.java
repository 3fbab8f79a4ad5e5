package berth.s3.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket and its configuration. Bucket names are global, as in S3: one bucket of a name in all of
 * berth, owned by one account and placed in one region.
 *
 * @param versioning empty (never enabled), {@code Enabled} or {@code Suspended}
 * @param policy the bucket policy JSON; empty when none
 */
public record Bucket(String name, String accountId, String region, Instant createdAt, String versioning,
                     Map<String, String> tags, String policy, List<LifecycleRule> lifecycle, List<CorsRule> cors,
                     Notifications notifications) {
    public static final String ENABLED = "Enabled";
    public static final String SUSPENDED = "Suspended";

    public Bucket {
        tags = Map.copyOf(new TreeMap<>(tags));
        lifecycle = List.copyOf(lifecycle);
        cors = List.copyOf(cors);
    }

    public static Bucket create(String name, String accountId, String region, Instant now) {
        return new Bucket(name, accountId, region, now, "", Map.of(), "", List.of(), List.of(), Notifications.NONE);
    }

    public boolean versioningEnabled() {
        return versioning.equals(ENABLED);
    }

    public String arn() {
        return BucketNames.arn(name);
    }

    public Bucket withVersioning(String status) {
        return new Bucket(name, accountId, region, createdAt, status, tags, policy, lifecycle, cors, notifications);
    }

    public Bucket withTags(Map<String, String> changed) {
        return new Bucket(name, accountId, region, createdAt, versioning, changed, policy, lifecycle, cors, notifications);
    }

    public Bucket withPolicy(String changed) {
        return new Bucket(name, accountId, region, createdAt, versioning, tags, changed, lifecycle, cors, notifications);
    }

    public Bucket withLifecycle(List<LifecycleRule> changed) {
        return new Bucket(name, accountId, region, createdAt, versioning, tags, policy, changed, cors, notifications);
    }

    public Bucket withCors(List<CorsRule> changed) {
        return new Bucket(name, accountId, region, createdAt, versioning, tags, policy, lifecycle, changed, notifications);
    }

    public Bucket withNotifications(Notifications changed) {
        return new Bucket(name, accountId, region, createdAt, versioning, tags, policy, lifecycle, cors, changed);
    }
}
