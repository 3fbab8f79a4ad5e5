package berth.logs.core;

import berth.aws.Scope;
import java.util.Map;
import java.util.TreeMap;

/**
 * A log group as CloudWatch Logs describes it.
 *
 * @param retentionInDays 0 when events never expire
 * @param kmsKeyId empty when the group has no key of its own
 * @param logGroupClass {@code STANDARD}, {@code INFREQUENT_ACCESS} or {@code DELIVERY}
 */
public record LogGroup(String accountId, String region, String name, long creationTime, int retentionInDays,
                       Map<String, String> tags, String kmsKeyId, String logGroupClass, boolean deletionProtection) {

    public LogGroup {
        tags = Map.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** The ARN tagging and IAM use: {@code arn:aws:logs:region:account:log-group:NAME}. */
    public String arn() {
        return LogArns.logGroup(scope(), name);
    }

    /** A group just created in {@code scope}: events never expire. */
    public static LogGroup created(Scope scope, String name, long creationTime, Map<String, String> tags, String kmsKeyId,
                                   String logGroupClass, boolean deletionProtection) {
        return new LogGroup(scope.accountId(), scope.region(), name, creationTime, 0, tags, kmsKeyId, logGroupClass,
                deletionProtection);
    }

    /** The ARN DescribeLogGroups reports in {@code arn}: the group's ARN followed by {@code :*}. */
    public String arnWithStreams() {
        return arn() + ":*";
    }

    public boolean expires() {
        return retentionInDays > 0;
    }

    public LogGroup withRetention(int days) {
        return new LogGroup(accountId, region, name, creationTime, days, tags, kmsKeyId, logGroupClass, deletionProtection);
    }

    public LogGroup withTags(Map<String, String> newTags) {
        return new LogGroup(accountId, region, name, creationTime, retentionInDays, newTags, kmsKeyId, logGroupClass,
                deletionProtection);
    }

    public LogGroup withDeletionProtection(boolean enabled) {
        return new LogGroup(accountId, region, name, creationTime, retentionInDays, tags, kmsKeyId, logGroupClass, enabled);
    }

    /** Tags sorted by key, the order AWS lists them in. */
    public Map<String, String> sortedTags() {
        return new TreeMap<>(tags);
    }
}
