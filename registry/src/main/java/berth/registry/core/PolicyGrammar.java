package berth.registry.core;

import berth.aws.text.Wildcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parts of an IAM-style resource policy that repository and registry policies share: the JSON
 * shape, {@code Effect}, {@code Principal} ({@code "*"}, account ids, IAM ARNs) and string lists.
 * Keys berth would not evaluate ({@code Condition}, {@code NotAction}, ...) are refused, so nothing
 * stored is inert.
 */
final class PolicyGrammar {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Id", "Statement");

    private final String kind;
    private final Set<String> statementKeys;

    /** @param kind {@code repository} or {@code registry}, as AWS's messages name the policy */
    PolicyGrammar(String kind, Set<String> statementKeys) {
        this.kind = kind;
        this.statementKeys = Set.copyOf(statementKeys);
    }

    InvalidPolicy invalid(String reason) {
        return new InvalidPolicy("Invalid " + kind + " policy provided" + (reason.isEmpty() ? "" : ": " + reason));
    }

    /** The statements of the document, each checked to use only the keys this kind of policy knows. */
    List<JsonNode> statements(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("not valid JSON");
        }
        if (root == null || !root.isObject()) throw invalid("");
        root.fieldNames().forEachRemaining(name -> {
            if (!DOCUMENT_KEYS.contains(name)) throw invalid("unknown element '" + name + "'");
        });
        JsonNode statements = root.get("Statement");
        if (statements == null) throw invalid("Statement is required");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (!statement.isObject()) throw invalid("a statement must be an object");
            statement.fieldNames().forEachRemaining(name -> {
                if (!statementKeys.contains(name)) throw invalid("berth does not evaluate '" + name + "'");
            });
            out.add(statement);
        }
        if (out.isEmpty()) throw invalid("no statements");
        return out;
    }

    boolean allow(JsonNode statement) {
        String effect = statement.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) throw invalid("Effect must be Allow or Deny");
        return effect.equals("Allow");
    }

    List<String> principals(JsonNode statement) {
        JsonNode principal = statement.get("Principal");
        List<String> principals;
        if (principal != null && principal.isTextual() && principal.asText().equals("*")) {
            principals = List.of("*");
        } else if (principal != null && principal.isObject() && principal.has("AWS")) {
            principals = strings(principal.get("AWS"), "Principal.AWS");
        } else {
            throw invalid("Principal must be \"*\" or {\"AWS\": ...}");
        }
        for (String p : principals) {
            if (!p.equals("*") && !p.matches("\\d{12}") && !p.matches("arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+")) {
                throw invalid("invalid principal " + p);
            }
        }
        return principals;
    }

    List<String> strings(JsonNode node, String where) {
        if (node == null) throw invalid(where + " is required");
        List<String> out = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isTextual() || item.asText().isEmpty()) throw invalid(where + " must be strings");
            out.add(item.asText());
        }
        if (out.isEmpty()) throw invalid(where + " is empty");
        return out;
    }

    /** Whether a policy principal ({@code *}, an account id, an account's root or an IAM ARN) names the caller. */
    static boolean principalMatches(String pattern, RepositoryPolicy.Principal principal) {
        if (pattern.equals("*")) return true;
        if (pattern.matches("\\d{12}")) return pattern.equals(principal.accountId());
        if (pattern.endsWith(":root")) return pattern.split(":")[4].equals(principal.accountId());
        return pattern.equals(principal.arn());
    }

    static boolean actionMatches(String pattern, String action) {
        return Wildcard.matches(pattern.toLowerCase(), action.toLowerCase(), Wildcard.Syntax.STAR_ONLY);
    }
}
