package berth.registry.core;

import berth.aws.text.Wildcard;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A registry's permissions policy: which other accounts may replicate images into the registry's
 * repositories ({@code ecr:ReplicateImage}) and have the repositories created on the way
 * ({@code ecr:CreateRepository}). As in ECR's default policy scope, a statement may grant only
 * those actions and {@code ecr:BatchImportUpstreamImage} (pull through cache, which berth does not
 * offer); {@code Principal} and {@code Resource} (repository ARNs, {@code *} wildcards) are
 * required. An explicit Deny wins.
 */
public record RegistryPolicy(List<Statement> statements) {
    public static final String REPLICATE_IMAGE = "ecr:ReplicateImage";
    public static final String CREATE_REPOSITORY = "ecr:CreateRepository";
    private static final List<String> GRANTABLE = List.of(REPLICATE_IMAGE, CREATE_REPOSITORY, "ecr:BatchImportUpstreamImage");
    private static final PolicyGrammar GRAMMAR = new PolicyGrammar("registry",
            Set.of("Sid", "Effect", "Principal", "Action", "Resource"));

    /** An empty policy: grants nothing. */
    public static final RegistryPolicy NONE = new RegistryPolicy(List.of());

    /** @param resources repository ARN patterns, or {@code *} */
    public record Statement(boolean allow, List<String> principals, List<String> actions, List<String> resources) {
        public Statement {
            principals = List.copyOf(principals);
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }

    public RegistryPolicy {
        statements = List.copyOf(statements);
    }

    /** @throws InvalidPolicy when the text is not a registry policy berth can evaluate */
    public static RegistryPolicy parse(String text) {
        List<Statement> out = new ArrayList<>();
        for (JsonNode node : GRAMMAR.statements(text)) {
            boolean allow = GRAMMAR.allow(node);
            List<String> principals = GRAMMAR.principals(node);
            List<String> actions = GRAMMAR.strings(node.get("Action"), "Action");
            for (String action : actions) {
                if (GRANTABLE.stream().noneMatch(a -> PolicyGrammar.actionMatches(action, a))) {
                    throw GRAMMAR.invalid("a registry policy cannot grant " + action);
                }
            }
            List<String> resources = GRAMMAR.strings(node.get("Resource"), "Resource");
            for (String resource : resources) {
                if (!resource.equals("*") && !resource.matches("arn:aws[a-z-]*:ecr:[a-z0-9*?-]*:[0-9*?]*:repository/.+")) {
                    throw GRAMMAR.invalid("invalid resource " + resource);
                }
            }
            out.add(new Statement(allow, principals, actions, resources));
        }
        return new RegistryPolicy(out);
    }

    /** Whether {@code principal} may do {@code action} on the repository {@code repositoryArn}. */
    public boolean allows(RepositoryPolicy.Principal principal, String action, String repositoryArn) {
        boolean allowed = false;
        for (Statement statement : statements) {
            boolean applies = statement.principals().stream().anyMatch(p -> PolicyGrammar.principalMatches(p, principal))
                    && statement.actions().stream().anyMatch(a -> PolicyGrammar.actionMatches(a, action))
                    && statement.resources().stream()
                            .anyMatch(r -> Wildcard.matches(r, repositoryArn, Wildcard.Syntax.STAR_ONLY));
            if (!applies) continue;
            if (!statement.allow()) return false;
            allowed = true;
        }
        return allowed;
    }
}
