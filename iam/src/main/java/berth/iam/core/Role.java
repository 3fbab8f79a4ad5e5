package berth.iam.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM role: who may assume it (its trust policy) and what its sessions may do (inline and
 * attached managed policies, within its permissions boundary if it has one).
 *
 * @param path starts and ends with {@code /}
 * @param trustPolicy the AssumeRolePolicyDocument as written (JSON)
 * @param inlinePolicies policy name → document (JSON), in name order
 * @param attachedPolicyArns managed policies in the order attached
 * @param permissionsBoundaryArn the managed policy that bounds the role's permissions; empty for none
 */
public record Role(String accountId, String name, String path, String roleId, Instant createDate, String trustPolicy,
                   String description, int maxSessionDurationSeconds, Map<String, String> tags,
                   Map<String, String> inlinePolicies, List<String> attachedPolicyArns, String permissionsBoundaryArn) {
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public Role {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        // roles stored before permissions boundaries existed have none
        permissionsBoundaryArn = permissionsBoundaryArn == null ? "" : permissionsBoundaryArn;
    }

    public String arn() {
        return IamArns.role(accountId, path, name);
    }

    public boolean bounded() {
        return !permissionsBoundaryArn.isEmpty();
    }

    public Role withTrustPolicy(String document) {
        return new Role(accountId, name, path, roleId, createDate, document, description, maxSessionDurationSeconds, tags,
                inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public Role withDescription(String text) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, text, maxSessionDurationSeconds, tags,
                inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public Role withMaxSessionDuration(int seconds) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, description, seconds, tags,
                inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public Role withTags(Map<String, String> newTags) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, description, maxSessionDurationSeconds,
                newTags, inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public Role withInlinePolicies(Map<String, String> policies) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, description, maxSessionDurationSeconds, tags,
                policies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public Role withAttachedPolicies(List<String> arns) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, description, maxSessionDurationSeconds, tags,
                inlinePolicies, arns, permissionsBoundaryArn);
    }

    /** @param policyArn empty to remove the boundary */
    public Role withPermissionsBoundary(String policyArn) {
        return new Role(accountId, name, path, roleId, createDate, trustPolicy, description, maxSessionDurationSeconds, tags,
                inlinePolicies, attachedPolicyArns, policyArn);
    }
}
