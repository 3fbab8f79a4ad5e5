package berth.registry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN_KEYS = Set.of("Sid", "Effect", "Principal", "Action");

    /** @param principals {@code *}, 12-digit account ids, or IAM ARNs */
    public record Statement(boolean allow, List<String> principals, List<String> actions) {
        public Statement {
            principals = List.copyOf(principals);
            actions = List.copyOf(actions);
        }
    }

    /** Who is asking: an account and, when known, the identity's ARN. */
    public record Principal(String accountId, String arn) {}

    public static final class InvalidPolicy extends RuntimeException {
        public InvalidPolicy(String message) {
            super(message, null, false, false);
        }
    }

    public static RepositoryPolicy parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidPolicy("Invalid repository policy provided: not valid JSON");
        }
        if (root == null || !root.isObject()) throw new InvalidPolicy("Invalid repository policy provided");
        JsonNode statements = root.get("Statement");
        if (statements == null) throw new InvalidPolicy("Invalid repository policy provided: Statement is required");
        List<Statement> out = new ArrayList<>();
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            out.add(statement(statement));
        }
        if (out.isEmpty()) throw new InvalidPolicy("Invalid repository policy provided: no statements");
        return new RepositoryPolicy(out);
    }

    private static Statement statement(JsonNode node) {
        if (!node.isObject()) throw new InvalidPolicy("Invalid repository policy provided: a statement must be an object");
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KNOWN_KEYS.contains(name)) {
                throw new InvalidPolicy("Invalid repository policy provided: berth does not evaluate '" + name + "'");
            }
        }
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new InvalidPolicy("Invalid repository policy provided: Effect must be Allow or Deny");
        }
        JsonNode principal = node.get("Principal");
        List<String> principals;
        if (principal != null && principal.isTextual() && principal.asText().equals("*")) {
            principals = List.of("*");
        } else if (principal != null && principal.isObject() && principal.has("AWS")) {
            principals = strings(principal.get("AWS"), "Principal.AWS");
        } else {
            throw new InvalidPolicy("Invalid repository policy provided: Principal must be \"*\" or {\"AWS\": ...}");
        }
        for (String p : principals) {
            if (!p.equals("*") && !p.matches("\\d{12}") && !p.matches("arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+")) {
                throw new InvalidPolicy("Invalid repository policy provided: invalid principal " + p);
            }
        }
        List<String> actions = strings(node.get("Action"), "Action");
        for (String action : actions) {
            if (!action.equals("*") && !action.startsWith("ecr:")) {
                throw new InvalidPolicy("Invalid repository policy provided: invalid action " + action);
            }
        }
        return new Statement(effect.equals("Allow"), principals, actions);
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null) throw new InvalidPolicy("Invalid repository policy provided: " + where + " is required");
        List<String> out = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw new InvalidPolicy("Invalid repository policy provided: " + where + " must be strings");
            }
            out.add(item.asText());
        }
        if (out.isEmpty()) throw new InvalidPolicy("Invalid repository policy provided: " + where + " is empty");
        return out;
    }

    /** Whether {@code principal} may do {@code action} (e.g. {@code ecr:BatchGetImage}). */
    public boolean allows(Principal principal, String action) {
        boolean allowed = false;
        for (Statement statement : statements) {
            boolean applies = statement.principals().stream().anyMatch(p -> matches(p, principal))
                    && statement.actions().stream().anyMatch(a -> Wildcards.matches(a.toLowerCase(), action.toLowerCase()));
            if (!applies) continue;
            if (!statement.allow()) return false;
            allowed = true;
        }
        return allowed;
    }

    private static boolean matches(String pattern, Principal principal) {
        if (pattern.equals("*")) return true;
        if (pattern.matches("\\d{12}")) return pattern.equals(principal.accountId());
        if (pattern.endsWith(":root")) return pattern.split(":")[4].equals(principal.accountId());
        return pattern.equals(principal.arn());
    }
}
