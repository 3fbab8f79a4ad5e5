package berth.logs.core;

import berth.aws.Scope;

/**
 * A log stream's identity. Its events and their statistics live in segment storage under
 * {@code storageId}, a name chosen at creation so that a stream deleted and created again under the
 * same name never sees the files of its predecessor.
 */
public record LogStream(String accountId, String region, String groupName, String name, long creationTime,
                        String storageId) {

    /** A stream just created in {@code group}. */
    public static LogStream created(LogGroup group, String name, long creationTime, String storageId) {
        return new LogStream(group.accountId(), group.region(), group.name(), name, creationTime, storageId);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return LogArns.logGroup(scope(), groupName) + ":log-stream:" + name;
    }
}
