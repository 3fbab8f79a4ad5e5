package berth.iam.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM user: long-term access keys and the policies that decide what they may do, within the
 * user's permissions boundary if it has one.
 *
 * @param path starts and ends with {@code /}
 * @param inlinePolicies policy name → document (JSON), in name order
 * @param attachedPolicyArns managed policies in the order attached
 * @param accessKeys at most two, oldest first
 * @param permissionsBoundaryArn the managed policy that bounds the user's permissions; empty for none
 */
public record User(String accountId, String name, String path, String userId, Instant createDate, Map<String, String> tags,
                   Map<String, String> inlinePolicies, List<String> attachedPolicyArns, List<AccessKey> accessKeys,
                   String permissionsBoundaryArn) {
    public static final int MAX_ACCESS_KEYS = 2;

    public User {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        accessKeys = List.copyOf(accessKeys);
        // users stored before permissions boundaries existed have none
        permissionsBoundaryArn = permissionsBoundaryArn == null ? "" : permissionsBoundaryArn;
    }

    public String arn() {
        return IamArns.user(accountId, path, name);
    }

    public boolean bounded() {
        return !permissionsBoundaryArn.isEmpty();
    }

    /** The same user (id, keys, policies) under a new name and path. */
    public User renamed(String newName, String newPath) {
        return new User(accountId, newName, newPath, userId, createDate, tags, inlinePolicies, attachedPolicyArns, accessKeys,
                permissionsBoundaryArn);
    }

    public User withTags(Map<String, String> newTags) {
        return new User(accountId, name, path, userId, createDate, newTags, inlinePolicies, attachedPolicyArns, accessKeys,
                permissionsBoundaryArn);
    }

    public User withInlinePolicies(Map<String, String> policies) {
        return new User(accountId, name, path, userId, createDate, tags, policies, attachedPolicyArns, accessKeys,
                permissionsBoundaryArn);
    }

    public User withAttachedPolicies(List<String> arns) {
        return new User(accountId, name, path, userId, createDate, tags, inlinePolicies, arns, accessKeys,
                permissionsBoundaryArn);
    }

    public User withAccessKeys(List<AccessKey> keys) {
        return new User(accountId, name, path, userId, createDate, tags, inlinePolicies, attachedPolicyArns, keys,
                permissionsBoundaryArn);
    }

    /** @param policyArn empty to remove the boundary */
    public User withPermissionsBoundary(String policyArn) {
        return new User(accountId, name, path, userId, createDate, tags, inlinePolicies, attachedPolicyArns, accessKeys,
                policyArn);
    }

    /** A long-term access key of a user. Inactive keys cannot sign. */
    public record AccessKey(String accessKeyId, String secretAccessKey, boolean active, Instant createDate) {
        public AccessKey withActive(boolean nowActive) {
            return new AccessKey(accessKeyId, secretAccessKey, nowActive, createDate);
        }
    }
}
