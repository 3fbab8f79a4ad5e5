package berth.iam.core;

import java.util.List;

/**
 * A parsed IAM policy document: identity-based (attached to a user or role), a session policy, or a
 * role's trust policy.
 *
 * @param version {@code 2012-10-17} or {@code 2008-10-17}; policy variables are only expanded in the former
 * @param source the JSON text as it was written, returned unchanged by the API
 */
public record PolicyDocument(String version, List<Statement> statements, String source) {
    public static final String CURRENT_VERSION = "2012-10-17";
    public static final String LEGACY_VERSION = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public boolean expandsVariables() {
        return CURRENT_VERSION.equals(version);
    }

    /** Allow or Deny. */
    public enum Effect { ALLOW, DENY }

    /**
     * One statement. An absent element is an empty list with its {@code not…} flag false.
     *
     * @param principals for trust policies: who the statement is about (empty in identity policies)
     * @param notPrincipal whether {@code principals} came from {@code NotPrincipal}
     * @param actions action patterns, e.g. {@code ecs:Describe*}
     * @param notAction whether {@code actions} came from {@code NotAction}
     * @param resources resource patterns, e.g. {@code arn:aws:ecs:*:*:cluster/prod-*}
     * @param notResource whether {@code resources} came from {@code NotResource}
     */
    public record Statement(String sid, Effect effect, Principals principals, boolean notPrincipal,
                            List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                            List<Condition> conditions) {
        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A {@code Principal} element: {@code "*"} (anyone) or values by type ({@code AWS}, {@code Service},
     * {@code Federated}, {@code CanonicalUser}).
     */
    public record Principals(boolean anyone, List<String> aws, List<String> services, List<String> federated) {
        public static final Principals NONE = new Principals(false, List.of(), List.of(), List.of());

        public Principals {
            aws = List.copyOf(aws);
            services = List.copyOf(services);
            federated = List.copyOf(federated);
        }

        public boolean isEmpty() {
            return !anyone && aws.isEmpty() && services.isEmpty() && federated.isEmpty();
        }
    }

    /**
     * One key test of a {@code Condition} block, e.g. {@code "ForAnyValue:StringLikeIfExists":
     * {"aws:RequestedRegion": ["us-*"]}}.
     */
    public record Condition(ConditionOperator operator, String key, List<String> values) {
        public Condition {
            values = List.copyOf(values);
        }
    }
}
