package berth.logs.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/** A condition of a JSON filter pattern, evaluated against a parsed event. */
public sealed interface JsonCondition {

    boolean holds(JsonNode root);

    record All(List<JsonCondition> parts) implements JsonCondition {
        @Override
        public boolean holds(JsonNode root) {
            for (JsonCondition part : parts) if (!part.holds(root)) return false;
            return true;
        }
    }

    record Any(List<JsonCondition> parts) implements JsonCondition {
        @Override
        public boolean holds(JsonNode root) {
            for (JsonCondition part : parts) if (part.holds(root)) return true;
            return false;
        }
    }

    /** {@code selector op literal}. */
    record Comparison(Selector selector, Operator op, Literal literal) implements JsonCondition {
        @Override
        public boolean holds(JsonNode root) {
            return Literal.test(JsonPattern.scalar(selector.find(root)), op, literal);
        }
    }

    /** {@code selector IS NULL|TRUE|FALSE}, {@code selector EXISTS}, {@code selector NOT EXISTS}. */
    record Test(Selector selector, Kind kind) implements JsonCondition {
        public enum Kind { IS_NULL, IS_TRUE, IS_FALSE, EXISTS, NOT_EXISTS }

        @Override
        public boolean holds(JsonNode root) {
            JsonNode node = selector.find(root);
            return switch (kind) {
                case IS_NULL -> node.isNull();
                case IS_TRUE -> node.isBoolean() && node.booleanValue();
                case IS_FALSE -> node.isBoolean() && !node.booleanValue();
                case EXISTS -> !node.isMissingNode();
                case NOT_EXISTS -> node.isMissingNode();
            };
        }
    }

    /** {@code $.a.b[0].c}: steps of field names and array indexes from the event's root. */
    record Selector(String text, List<Object> steps) {
        public Selector {
            steps = List.copyOf(steps);
        }

        JsonNode find(JsonNode root) {
            JsonNode node = root;
            for (Object step : steps) {
                if (step instanceof Integer index) {
                    node = node.isArray() ? node.path(index) : MissingNode.getInstance();
                } else {
                    node = node.isObject() ? node.path((String) step) : MissingNode.getInstance();
                }
                if (node.isMissingNode()) return node;
            }
            return node;
        }
    }
}
