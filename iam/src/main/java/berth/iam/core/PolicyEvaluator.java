package berth.iam.core;

import berth.iam.core.PolicyDocument.Effect;
import berth.iam.core.PolicyDocument.Statement;

import java.util.List;
import java.util.Optional;

/**
 * IAM's evaluation logic for identity-based and session policies and permissions boundaries, within
 * one account: an explicit Deny in any policy wins; otherwise some identity-based policy must allow,
 * and, for a principal with a permissions boundary, the boundary must allow as well, and for a session
 * given session policies, some session policy too.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    public static Decision evaluate(AccessRequest request, PolicySet policies) {
        return evaluate(request, policies, java.util.Optional.empty(), null);
    }

    /**
     * With the resource's own policy as well (same account): an explicit Deny in it wins too, and an
     * Allow in it naming the caller grants the request even when no identity-based policy, boundary
     * or session policy does (as AWS decides for grants naming the user or the session itself).
     */
    public static Decision evaluate(AccessRequest request, PolicySet policies, java.util.Optional<PolicyDocument> resourcePolicy,
                                    CallingPrincipal caller) {
        Outcome resource = resourcePolicy.map(p -> ResourcePolicy.outcome(p, caller, request)).orElse(Outcome.SILENT);
        if (resource == Outcome.DENY) {
            return new Decision.Denied(Decision.Reason.EXPLICIT_DENY_TRUST);
        }
        Decision identityBased = identityDecision(request, policies);
        if (resource == Outcome.ALLOW && identityBased instanceof Decision.Denied denied
                && (denied.reason() == Decision.Reason.NO_IDENTITY_ALLOW
                    || denied.reason() == Decision.Reason.NO_SESSION_ALLOW
                    || denied.reason() == Decision.Reason.NO_BOUNDARY_ALLOW)) {
            return Decision.ALLOWED;
        }
        return identityBased;
    }

    private static Decision identityDecision(AccessRequest request, PolicySet policies) {
        Outcome identity = outcome(policies.identity(), request);
        Outcome session = policies.sessionScoped() ? outcome(policies.session(), request) : Outcome.ALLOW;
        Outcome boundary = policies.bounded() ? outcome(policies.boundary(), request) : Outcome.ALLOW;
        if (identity == Outcome.DENY) {
            return new Decision.Denied(Decision.Reason.EXPLICIT_DENY_IDENTITY);
        }
        if (boundary == Outcome.DENY) {
            return new Decision.Denied(Decision.Reason.EXPLICIT_DENY_BOUNDARY);
        }
        if (session == Outcome.DENY) {
            return new Decision.Denied(Decision.Reason.EXPLICIT_DENY_SESSION);
        }
        if (identity != Outcome.ALLOW) {
            return new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW);
        }
        if (boundary != Outcome.ALLOW) {
            return new Decision.Denied(Decision.Reason.NO_BOUNDARY_ALLOW);
        }
        if (session != Outcome.ALLOW) {
            return new Decision.Denied(Decision.Reason.NO_SESSION_ALLOW);
        }
        return Decision.ALLOWED;
    }

    /** What a group of policies says about a request, before the groups are combined. */
    enum Outcome { DENY, ALLOW, SILENT }

    static Outcome outcome(List<PolicyDocument> documents, AccessRequest request) {
        boolean allowed = false;
        for (PolicyDocument document : documents) {
            for (Statement statement : document.statements()) {
                if (applies(statement, document.expandsVariables(), request)) {
                    if (statement.effect() == Effect.DENY) {
                        return Outcome.DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Outcome.ALLOW : Outcome.SILENT;
    }

    /** Whether a statement of an identity-based or session policy covers the request. */
    static boolean applies(Statement statement, boolean expandVariables, AccessRequest request) {
        return actionMatches(statement, request.action())
                && resourceMatches(statement, expandVariables, request)
                && Conditions.allHold(statement.conditions(), request.context(), expandVariables);
    }

    static boolean actionMatches(Statement statement, String action) {
        boolean listed = statement.actions().stream().anyMatch(pattern -> Wildcards.matchesIgnoreCase(pattern, action));
        return statement.notAction() != listed;
    }

    private static boolean resourceMatches(Statement statement, boolean expandVariables, AccessRequest request) {
        boolean listed = false;
        for (String pattern : statement.resources()) {
            Optional<String> expanded = expandVariables ? PolicyVariables.expand(pattern, request.context()) : Optional.of(pattern);
            if (expanded.isPresent() && Wildcards.matchesArn(expanded.get(), request.resource())) {
                listed = true;
                break;
            }
        }
        return statement.notResource() != listed;
    }
}
