package berth.logs.core;

/**
 * A log stream's identity. Its events and their statistics live in segment storage under
 * {@code storageId}, a name chosen at creation so that a stream deleted and created again under the
 * same name never sees the files of its predecessor.
 */
public record LogStream(String accountId, String region, String groupName, String name, long creationTime,
                        String storageId) {

    public String arn() {
        return LogArns.logGroup(accountId, region, groupName) + ":log-stream:" + name;
    }
}
