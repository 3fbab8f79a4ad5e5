package berth.secrets.manager.core;

import berth.aws.Scope;
import java.util.List;
import java.util.Optional;

/**
 * A Secrets Manager secret and its versions.
 *
 * @param arn {@code arn:aws:secretsmanager:region:account:secret:NAME-XXXXXX}, fixed at creation
 * @param kmsKeyId empty when the secret uses the account's default key
 * @param lastAccessedMillis the day (UTC midnight) it was last read, 0 if never
 * @param deletedMillis when DeleteSecret scheduled its deletion, 0 when not scheduled
 * @param deletionMillis when the scheduled deletion takes effect, 0 when not scheduled
 * @param resourcePolicy the secret's resource-based policy (PutResourcePolicy), empty when it has none
 */
public record Secret(String accountId, String region, String name, String arn, String description, String kmsKeyId,
                     List<Tag> tags, long createdMillis, long lastChangedMillis, long lastAccessedMillis,
                     long deletedMillis, long deletionMillis, List<SecretVersion> versions, String resourcePolicy) {

    public record Tag(String key, String value) {}

    public Secret {
        tags = List.copyOf(tags);
        versions = List.copyOf(versions);
        resourcePolicy = resourcePolicy == null ? "" : resourcePolicy;
    }

    /** A secret without a resource-based policy. */
    public Secret(String accountId, String region, String name, String arn, String description, String kmsKeyId,
                  List<Tag> tags, long createdMillis, long lastChangedMillis, long lastAccessedMillis,
                  long deletedMillis, long deletionMillis, List<SecretVersion> versions) {
        this(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, lastChangedMillis,
                lastAccessedMillis, deletedMillis, deletionMillis, versions, "");
    }

    /** A secret just created in {@code scope}: its ARN gets a new random suffix, nothing is scheduled. */
    public static Secret created(Scope scope, String name, String description, String kmsKeyId, List<Tag> tags, long nowMillis,
                                 List<SecretVersion> versions) {
        return new Secret(scope.accountId(), scope.region(), name, SecretNames.newArn(scope, name), description, kmsKeyId,
                tags, nowMillis, nowMillis, 0, 0, 0, versions);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public Secret withResourcePolicy(String policy, long changedMillis) {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, changedMillis,
                lastAccessedMillis, deletedMillis, deletionMillis, versions, policy);
    }

    public boolean scheduledForDeletion() {
        return deletedMillis > 0;
    }

    public Optional<SecretVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public Optional<SecretVersion> versionWithStage(String stage) {
        return versions.stream().filter(v -> v.hasStage(stage)).findFirst();
    }

    public Secret withVersions(List<SecretVersion> newVersions, long changedMillis) {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, changedMillis,
                lastAccessedMillis, deletedMillis, deletionMillis, newVersions, resourcePolicy);
    }

    public Secret withDetails(String newDescription, String newKmsKeyId, long changedMillis) {
        return new Secret(accountId, region, name, arn, newDescription, newKmsKeyId, tags, createdMillis, changedMillis,
                lastAccessedMillis, deletedMillis, deletionMillis, versions, resourcePolicy);
    }

    public Secret withTags(List<Tag> newTags, long changedMillis) {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, newTags, createdMillis, changedMillis,
                lastAccessedMillis, deletedMillis, deletionMillis, versions, resourcePolicy);
    }

    public Secret withLastAccessed(long dayMillis) {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, lastChangedMillis,
                dayMillis, deletedMillis, deletionMillis, versions, resourcePolicy);
    }

    public Secret scheduledForDeletion(long nowMillis, long deletionAtMillis) {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, lastChangedMillis,
                lastAccessedMillis, nowMillis, deletionAtMillis, versions, resourcePolicy);
    }

    public Secret restored() {
        return new Secret(accountId, region, name, arn, description, kmsKeyId, tags, createdMillis, lastChangedMillis,
                lastAccessedMillis, 0, 0, versions, resourcePolicy);
    }
}
