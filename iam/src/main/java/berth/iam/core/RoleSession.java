package berth.iam.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temporary credentials of an assumed role, as STS issued them.
 *
 * @param sessionScoped whether session policies were passed (then they must allow too, even if the list is empty)
 * @param sessionPolicies the documents (JSON) of the inline session policy and of the managed policies passed by ARN
 * @param tags session tags (principal tags of the session, over the role's tags)
 * @param transitiveTagKeys the tags that pass on to sessions this session creates by assuming another role
 * @param chained whether a role session assumed this role (role chaining)
 */
public record RoleSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant issuedAt,
                          Instant expiration, String accountId, String roleName, String rolePath, String roleId,
                          String sessionName, boolean sessionScoped, List<String> sessionPolicies, Map<String, String> tags,
                          List<String> transitiveTagKeys, String sourceIdentity, boolean chained) {
    public RoleSession {
        sessionPolicies = List.copyOf(sessionPolicies);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** The tags a session created from this one inherits. */
    public Map<String, String> transitiveTags() {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (transitiveTagKeys.stream().anyMatch(key::equalsIgnoreCase)) {
                out.put(key, value);
            }
        });
        return out;
    }

    public String roleArn() {
        return IamArns.role(accountId, rolePath, roleName);
    }

    public String assumedRoleArn() {
        return IamArns.assumedRole(accountId, roleName, sessionName);
    }

    /** {@code AROA…:session}: the user id AWS reports for a role session. */
    public String assumedRoleId() {
        return roleId + ":" + sessionName;
    }

    public boolean expiredAt(Instant now) {
        return now.isAfter(expiration);
    }
}
