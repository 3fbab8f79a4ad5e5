package berth.iam.core;

import berth.iam.core.PolicyDocument.Effect;
import berth.iam.core.PolicyDocument.Principals;
import berth.iam.core.PolicyDocument.Statement;

import java.util.regex.Pattern;

/**
 * Decides a role's trust policy (its {@code AssumeRolePolicyDocument}): does a statement whose
 * {@code Principal} covers the caller allow the action ({@code sts:AssumeRole}, {@code sts:TagSession})?
 * An explicit Deny wins.
 */
public final class TrustPolicy {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private TrustPolicy() {}

    public static Decision evaluate(PolicyDocument trust, CallingPrincipal caller, String action, RequestContextKeys context) {
        boolean allowed = false;
        for (Statement statement : trust.statements()) {
            boolean named = covers(statement.principals(), caller);
            if (statement.notPrincipal() == named) {
                continue;
            }
            if (!PolicyEvaluator.actionMatches(statement, action)
                    || !Conditions.allHold(statement.conditions(), context, trust.expandsVariables())) {
                continue;
            }
            if (statement.effect() == Effect.DENY) {
                return new Decision.Denied(Decision.Reason.EXPLICIT_DENY_TRUST);
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOWED : new Decision.Denied(Decision.Reason.NO_TRUST_ALLOW);
    }

    /**
     * Whether an Allow statement for {@code action} names the caller by its own ARN (not through its
     * account or {@code *}): then, within one account, the trust policy alone lets the caller assume
     * the role, without an identity-based policy allowing it.
     */
    public static boolean allowsByArn(PolicyDocument trust, CallingPrincipal caller, String action, RequestContextKeys context) {
        for (Statement statement : trust.statements()) {
            if (statement.effect() == Effect.ALLOW && !statement.notPrincipal()
                    && statement.principals().aws().stream().anyMatch(caller.arns()::contains)
                    && PolicyEvaluator.actionMatches(statement, action)
                    && Conditions.allHold(statement.conditions(), context, trust.expandsVariables())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller is among the principals: {@code "*"}; for AWS principals {@code "AWS": "*"},
     * the account ({@code 123456789012} or {@code arn:aws:iam::123456789012:root}) or the caller's
     * own ARN (a role ARN also covers its sessions); for services their name.
     */
    public static boolean covers(Principals principals, CallingPrincipal caller) {
        if (principals.anyone()) {
            return true;
        }
        if (caller.isService()) {
            return principals.services().stream().anyMatch(s -> s.equalsIgnoreCase(caller.service()));
        }
        for (String value : principals.aws()) {
            if (value.equals("*") || accountOf(value).equals(caller.accountId()) || caller.arns().contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** The account a principal value names as a whole; empty when it names something narrower. */
    private static String accountOf(String value) {
        if (ACCOUNT_ID.matcher(value).matches()) {
            return value;
        }
        if (value.startsWith("arn:aws:iam::") && value.endsWith(":root")) {
            String account = value.substring("arn:aws:iam::".length(), value.length() - ":root".length());
            return ACCOUNT_ID.matcher(account).matches() ? account : "";
        }
        return "";
    }
}
