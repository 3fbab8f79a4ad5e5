package berth.iam.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a caller may assume a role, and for how long: the role's trust policy must allow
 * {@code sts:AssumeRole} (and {@code sts:TagSession} when session tags are passed,
 * {@code sts:SetSourceIdentity} when a source identity is); an explicit Deny in either the trust
 * policy or the caller's identity-based policies refuses. The caller's identity-based policies must
 * allow too, unless the trust policy names the caller by ARN in the caller's own account. Roots and
 * service principals have no identity-based policies to consult.
 */
public final class RoleAssumption {
    public static final String ASSUME_ROLE = "sts:AssumeRole";
    public static final String TAG_SESSION = "sts:TagSession";
    public static final String SET_SOURCE_IDENTITY = "sts:SetSourceIdentity";
    public static final Duration MIN_DURATION = Duration.ofSeconds(900);
    public static final Duration CHAINED_MAX = Duration.ofHours(1);
    public static final Duration SERVICE_MAX = Duration.ofHours(12);

    private RoleAssumption() {}

    /**
     * @param identity the caller's identity-based decision for {@code sts:AssumeRole} on the role;
     *     {@link Decision#ALLOWED} for roots and services
     * @return the refused action ({@code sts:AssumeRole}, {@code sts:TagSession}, …), or empty when allowed
     */
    public static Optional<String> refusedAction(PolicyDocument trust, String roleAccountId, CallingPrincipal caller,
                                                 Decision identity, RequestContextKeys context, boolean withTags,
                                                 boolean withSourceIdentity) {
        Decision trusted = TrustPolicy.evaluate(trust, caller, ASSUME_ROLE, context);
        if (!trusted.allowed() || identity instanceof Decision.Denied denied && isExplicit(denied)) {
            return Optional.of(ASSUME_ROLE);
        }
        if (!identity.allowed() && !(caller.accountId().equals(roleAccountId)
                && TrustPolicy.allowsByArn(trust, caller, ASSUME_ROLE, context))) {
            return Optional.of(ASSUME_ROLE);
        }
        if (withTags && !TrustPolicy.evaluate(trust, caller, TAG_SESSION, context).allowed()) {
            return Optional.of(TAG_SESSION);
        }
        if (withSourceIdentity && !TrustPolicy.evaluate(trust, caller, SET_SOURCE_IDENTITY, context).allowed()) {
            return Optional.of(SET_SOURCE_IDENTITY);
        }
        return Optional.empty();
    }

    private static boolean isExplicit(Decision.Denied denied) {
        return switch (denied.reason()) {
            case EXPLICIT_DENY_IDENTITY, EXPLICIT_DENY_SESSION, EXPLICIT_DENY_TRUST -> true;
            default -> false;
        };
    }

    /**
     * The refusal of a requested session length, in STS's words; empty when acceptable. Sessions of a
     * role assumed by another role session (role chaining) last at most an hour.
     */
    public static Optional<String> durationProblem(Duration requested, int roleMaxSeconds, boolean chained) {
        if (chained && requested.compareTo(CHAINED_MAX) > 0) {
            return Optional.of("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
                    + " role chaining.");
        }
        if (requested.getSeconds() > roleMaxSeconds) {
            return Optional.of("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return Optional.empty();
    }
}
