package berth.iam.core;

/** The outcome of policy evaluation. */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    Allowed ALLOWED = new Allowed();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** Every applicable policy type allows and none denies. */
    record Allowed() implements Decision {}

    /** Refused, and why, in the words AWS appends to an access-denied message. */
    record Denied(Reason reason) implements Decision {
        /** {@code because no identity-based policy allows the ecs:ListClusters action}, etc. */
        public String explanation(String action) {
            return switch (reason) {
                case EXPLICIT_DENY_IDENTITY -> "with an explicit deny in an identity-based policy";
                case EXPLICIT_DENY_SESSION -> "with an explicit deny in a session policy";
                case EXPLICIT_DENY_BOUNDARY -> "with an explicit deny in a permissions boundary";
                case EXPLICIT_DENY_TRUST -> "with an explicit deny in a resource-based policy";
                case NO_IDENTITY_ALLOW -> "because no identity-based policy allows the " + action + " action";
                case NO_SESSION_ALLOW -> "because no session policy allows the " + action + " action";
                case NO_BOUNDARY_ALLOW -> "because no permissions boundary allows the " + action + " action";
                case NO_TRUST_ALLOW -> "because no resource-based policy allows the " + action + " action";
            };
        }
    }

    /** Which policy type refused, and whether by an explicit Deny or for want of an Allow. */
    enum Reason {
        EXPLICIT_DENY_IDENTITY, EXPLICIT_DENY_SESSION, EXPLICIT_DENY_BOUNDARY, EXPLICIT_DENY_TRUST,
        NO_IDENTITY_ALLOW, NO_SESSION_ALLOW, NO_BOUNDARY_ALLOW, NO_TRUST_ALLOW
    }
}
