package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath EventBridge's InputPath and InputPathsMap take: {@code $}, then {@code .name},
 * {@code ['name']} and {@code [index]} steps ({@code $.detail.object.key}, {@code $.resources[0]}).
 */
public final class JsonPath {
    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** @throws IllegalArgumentException with a reason when {@code path} is not such a path */
    public static JsonPath parse(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("a JSONPath starts with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
                if (end == i + 1) throw new IllegalArgumentException("empty name after '.' at " + i);
                steps.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) throw new IllegalArgumentException("unclosed '[' at " + i);
                String inner = path.substring(i + 1, close).trim();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'") || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        int index = Integer.parseInt(inner);
                        if (index < 0) throw new IllegalArgumentException("negative index at " + i);
                        steps.add(index);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'[" + inner + "]' is neither an index nor a quoted name");
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            }
        }
        return new JsonPath(path, steps);
    }

    /** The value at this path in {@code document}; empty when a step finds nothing. */
    public Optional<JsonNode> find(JsonNode document) {
        JsonNode node = document;
        for (Object step : steps) {
            if (step instanceof Integer index) {
                if (!node.isArray() || index >= node.size()) return Optional.empty();
                node = node.get(index);
            } else {
                if (!node.isObject() || !node.has((String) step)) return Optional.empty();
                node = node.get((String) step);
            }
        }
        return Optional.of(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
