package berth.registry.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A repository's resource policy: which principals of other accounts may do which {@code ecr:}
 * actions on it. berth evaluates {@code Effect}, {@code Principal} ({@code "*"}, account ids, IAM
 * ARNs) and {@code Action} (with {@code *} wildcards); an explicit Deny wins. A policy that uses
 * anything else ({@code Condition}, {@code NotAction}, {@code NotPrincipal}) is refused, since berth
 * would not act on it.
 */
public record RepositoryPolicy(List<Statement> statements) {
    private static final PolicyGrammar GRAMMAR = new PolicyGrammar("repository", Set.of("Sid", "Effect", "Principal", "Action"));

    /** @param principals {@code *}, 12-digit account ids, or IAM ARNs */
    public record Statement(boolean allow, List<String> principals, List<String> actions) {
        public Statement {
            principals = List.copyOf(principals);
            actions = List.copyOf(actions);
        }
    }

    /** Who is asking: an account and, when known, the identity's ARN. */
    public record Principal(String accountId, String arn) {
        /** The root of {@code accountId}, as a service acting for the account appears. */
        public static Principal root(String accountId) {
            return new Principal(accountId, "arn:aws:iam::" + accountId + ":root");
        }
    }

    /** @throws InvalidPolicy when the text is not a policy berth can evaluate */
    public static RepositoryPolicy parse(String text) {
        List<Statement> out = new ArrayList<>();
        for (JsonNode node : GRAMMAR.statements(text)) {
            boolean allow = GRAMMAR.allow(node);
            List<String> principals = GRAMMAR.principals(node);
            List<String> actions = GRAMMAR.strings(node.get("Action"), "Action");
            for (String action : actions) {
                if (!action.equals("*") && !action.startsWith("ecr:")) throw GRAMMAR.invalid("invalid action " + action);
            }
            out.add(new Statement(allow, principals, actions));
        }
        return new RepositoryPolicy(out);
    }

    /** Whether {@code principal} may do {@code action} (e.g. {@code ecr:BatchGetImage}). */
    public boolean allows(Principal principal, String action) {
        boolean allowed = false;
        for (Statement statement : statements) {
            boolean applies = statement.principals().stream().anyMatch(p -> PolicyGrammar.principalMatches(p, principal))
                    && statement.actions().stream().anyMatch(a -> PolicyGrammar.actionMatches(a, action));
            if (!applies) continue;
            if (!statement.allow()) return false;
            allowed = true;
        }
        return allowed;
    }
}
