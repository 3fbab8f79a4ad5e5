package berth.iam.core;

import berth.iam.core.PolicyDocument.Effect;
import berth.iam.core.PolicyDocument.Statement;

/**
 * What a resource-based policy (a secret's policy) says of one request: statements whose
 * {@code Principal} covers the caller, whose action and resource match and whose conditions hold.
 */
public final class ResourcePolicy {
    private ResourcePolicy() {}

    static PolicyEvaluator.Outcome outcome(PolicyDocument policy, CallingPrincipal caller, AccessRequest request) {
        boolean allowed = false;
        for (Statement statement : policy.statements()) {
            boolean named = TrustPolicy.covers(statement.principals(), caller);
            if (statement.notPrincipal() == named || !PolicyEvaluator.applies(statement, false, request)) {
                continue;
            }
            if (statement.effect() == Effect.DENY) {
                return PolicyEvaluator.Outcome.DENY;
            }
            allowed = true;
        }
        return allowed ? PolicyEvaluator.Outcome.ALLOW : PolicyEvaluator.Outcome.SILENT;
    }

    /**
     * Whether a policy lets anyone outside the account in: an Allow whose principal is {@code *} (or
     * {@code "AWS": "*"}) or names another account, without conditions narrowing it.
     */
    public static boolean grantsBroadAccess(PolicyDocument policy, String accountId) {
        for (Statement statement : policy.statements()) {
            if (statement.effect() != Effect.ALLOW || !statement.conditions().isEmpty()) {
                continue;
            }
            if (statement.notPrincipal() || statement.principals().anyone()) {
                return true;
            }
            for (String aws : statement.principals().aws()) {
                if (aws.equals("*") || !(aws.equals(accountId) || aws.contains(":" + accountId + ":"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
