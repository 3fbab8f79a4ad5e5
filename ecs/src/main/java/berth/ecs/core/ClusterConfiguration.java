package berth.ecs.core;

import java.util.Objects;

/**
 * A cluster's execute-command configuration: who encrypts the session ({@code kmsKeyId}), and where
 * command output is logged ({@code logging} DEFAULT, NONE or OVERRIDE; with OVERRIDE, the CloudWatch
 * log group and S3 bucket below). Empty strings where unset; {@link #none()} when the cluster has none.
 */
public record ClusterConfiguration(String kmsKeyId, String logging, String cloudWatchLogGroupName,
                                   boolean cloudWatchEncryptionEnabled, String s3BucketName,
                                   boolean s3EncryptionEnabled, String s3KeyPrefix) {
    private static final ClusterConfiguration NONE = new ClusterConfiguration("", "", "", false, "", false, "");

    public ClusterConfiguration {
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(cloudWatchLogGroupName, "cloudWatchLogGroupName");
        Objects.requireNonNull(s3BucketName, "s3BucketName");
        Objects.requireNonNull(s3KeyPrefix, "s3KeyPrefix");
    }

    public static ClusterConfiguration none() {
        return NONE;
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
