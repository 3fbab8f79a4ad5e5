package berth.registry.core;

import berth.aws.Scope;

import java.time.Instant;
import java.util.Map;

/**
 * An ECR repository of one account and region.
 *
 * @param encryptionType {@code AES256}, {@code KMS} or {@code KMS_DSSE}
 * @param kmsKey the KMS key named at creation; empty when none
 * @param policyText the repository policy; empty when none
 * @param lifecyclePolicyText the lifecycle policy; empty when none
 * @param lifecycleUpdatedAt when the lifecycle policy was last set; the epoch when never
 */
public record Repository(String accountId, String region, String name, Instant createdAt, TagMutability tagMutability,
                        boolean scanOnPush, String encryptionType, String kmsKey, Map<String, String> tags,
                        String policyText, String lifecyclePolicyText, Instant lifecycleUpdatedAt) {
    public Repository {
        tags = Map.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("ecr", "repository/" + name);
    }

    /** A repository just created in {@code id}'s registry: no policies, tags as given. */
    public static Repository created(RepositoryId id, Instant at, TagMutability tagMutability, boolean scanOnPush,
                                     String encryptionType, String kmsKey, Map<String, String> tags) {
        return new Repository(id.accountId(), id.region(), id.name(), at, tagMutability, scanOnPush, encryptionType, kmsKey,
                tags, "", "", Instant.EPOCH);
    }

    public Repository withTagMutability(TagMutability mutability) {
        return new Repository(accountId, region, name, createdAt, mutability, scanOnPush, encryptionType, kmsKey, tags,
                policyText, lifecyclePolicyText, lifecycleUpdatedAt);
    }

    public Repository withScanOnPush(boolean scan) {
        return new Repository(accountId, region, name, createdAt, tagMutability, scan, encryptionType, kmsKey, tags,
                policyText, lifecyclePolicyText, lifecycleUpdatedAt);
    }

    public Repository withTags(Map<String, String> newTags) {
        return new Repository(accountId, region, name, createdAt, tagMutability, scanOnPush, encryptionType, kmsKey, newTags,
                policyText, lifecyclePolicyText, lifecycleUpdatedAt);
    }

    public Repository withPolicy(String text) {
        return new Repository(accountId, region, name, createdAt, tagMutability, scanOnPush, encryptionType, kmsKey, tags,
                text, lifecyclePolicyText, lifecycleUpdatedAt);
    }

    public Repository withLifecyclePolicy(String text, Instant at) {
        return new Repository(accountId, region, name, createdAt, tagMutability, scanOnPush, encryptionType, kmsKey, tags,
                policyText, text, at);
    }
}
