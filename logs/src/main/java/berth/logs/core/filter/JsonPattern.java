package berth.logs.core.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * {@code { condition }}: events that are JSON objects whose fields satisfy the condition. Conditions
 * compare a selector ({@code $.a.b[0]}) with {@code = != < > <= >=}, or test it with
 * {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE}, {@code EXISTS}, {@code NOT EXISTS}; they combine
 * with {@code &&} (binding tighter) and {@code ||}, grouped by parentheses. A selector that names an
 * object or array, or nothing, satisfies no comparison.
 */
public record JsonPattern(JsonCondition condition) implements FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonPattern parse(String pattern) {
        if (!pattern.endsWith("}")) throw new FilterPatternException("Invalid filter pattern: a JSON pattern must end with '}'");
        return new JsonPattern(JsonConditionParser.parse(pattern.substring(1, pattern.length() - 1)));
    }

    @Override
    public boolean matches(String message) {
        String trimmed = message.strip();
        if (!trimmed.startsWith("{")) return false;
        JsonNode root;
        try {
            root = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return false;
        }
        return root != null && root.isObject() && condition.holds(root);
    }

    /** The scalar a selector names in {@code root}; empty for a missing field, null, object or array. */
    static Optional<Literal.Scalar> scalar(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) return Optional.empty();
        if (node.isNumber()) return Optional.of(new Literal.Scalar(node.asText(), Optional.of(node.decimalValue())));
        if (node.isBoolean()) return Optional.of(new Literal.Scalar(node.asText(), Optional.empty()));
        return Optional.of(Literal.Scalar.of(node.asText()));
    }
}
