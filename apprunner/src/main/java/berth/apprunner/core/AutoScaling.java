package berth.apprunner.core;

import java.time.Instant;

/**
 * An auto scaling configuration revision: how many requests one instance serves at once before
 * App Runner adds one ({@code maxConcurrency}), and the bounds of the instance count. The
 * account's {@code DefaultConfiguration} (100, 1, 25) exists without being created.
 */
public record AutoScaling(String accountId, String region, String name, int revision, String id, String arn,
                          int maxConcurrency, int minSize, int maxSize, boolean latest, boolean isDefault,
                          String status, Instant createdAt, Instant deletedAt) {
    public static final String DEFAULT_NAME = "DefaultConfiguration";

    public berth.aws.Scope scope() {
        return new berth.aws.Scope(accountId, region);
    }

    public static AutoScaling defaultFor(berth.aws.Scope scope, Instant createdAt) {
        String id = Ids.hex32(scope.key(DEFAULT_NAME + "/1"));
        return new AutoScaling(scope.accountId(), scope.region(), DEFAULT_NAME, 1, id,
                scope.arn("apprunner", "autoscalingconfiguration/" + DEFAULT_NAME + "/1/" + id), 100, 1, 25, true, true,
                "ACTIVE", createdAt, null);
    }

    public AutoScaling withLatest(boolean value) {
        return new AutoScaling(accountId, region, name, revision, id, arn, maxConcurrency, minSize, maxSize, value,
                isDefault, status, createdAt, deletedAt);
    }

    public AutoScaling withDefault(boolean value) {
        return new AutoScaling(accountId, region, name, revision, id, arn, maxConcurrency, minSize, maxSize, latest,
                value, status, createdAt, deletedAt);
    }

    public AutoScaling deleted(Instant now) {
        return new AutoScaling(accountId, region, name, revision, id, arn, maxConcurrency, minSize, maxSize, latest,
                isDefault, "INACTIVE", createdAt, now);
    }
}
