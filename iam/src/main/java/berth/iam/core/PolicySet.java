package berth.iam.core;

import java.util.List;

/**
 * The policies that decide for one principal: its identity-based policies (inline and attached
 * managed) and, for a role session created with session policies, those too. A session-scoped set
 * allows only what both the identity-based and the session policies allow.
 *
 * @param sessionScoped whether the session was given session policies (then {@code session} must allow too)
 */
public record PolicySet(List<PolicyDocument> identity, List<PolicyDocument> session, boolean sessionScoped) {
    public PolicySet {
        identity = List.copyOf(identity);
        session = List.copyOf(session);
    }

    public static PolicySet of(List<PolicyDocument> identity) {
        return new PolicySet(identity, List.of(), false);
    }

    public PolicySet withSession(List<PolicyDocument> sessionPolicies) {
        return new PolicySet(identity, sessionPolicies, true);
    }
}
