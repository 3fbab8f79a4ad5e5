package berth.iam.core;

import java.util.List;

/**
 * The policies that decide for one principal: its identity-based policies (inline and attached
 * managed), its permissions boundary if it has one, and, for a role session created with session
 * policies, those too. A bounded or session-scoped set allows only what the identity-based policies,
 * the boundary and the session policies all allow.
 *
 * @param sessionScoped whether the session was given session policies (then {@code session} must allow too)
 * @param bounded whether the principal has a permissions boundary (then {@code boundary} must allow too)
 */
public record PolicySet(List<PolicyDocument> identity, List<PolicyDocument> session, boolean sessionScoped,
                        List<PolicyDocument> boundary, boolean bounded) {
    public PolicySet {
        identity = List.copyOf(identity);
        session = List.copyOf(session);
        boundary = List.copyOf(boundary);
    }

    public static PolicySet of(List<PolicyDocument> identity) {
        return new PolicySet(identity, List.of(), false, List.of(), false);
    }

    public PolicySet withSession(List<PolicyDocument> sessionPolicies) {
        return new PolicySet(identity, sessionPolicies, true, boundary, bounded);
    }

    /** @param boundaryPolicies the boundary's document; empty when the boundary policy is gone, which allows nothing */
    public PolicySet withBoundary(List<PolicyDocument> boundaryPolicies) {
        return new PolicySet(identity, session, sessionScoped, boundaryPolicies, true);
    }
}
