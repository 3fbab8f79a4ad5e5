package berth.events.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An EventBridge event pattern, compiled once and matched against events: exact values (strings,
 * numbers compared numerically, booleans, null), {@code prefix}, {@code suffix} (both optionally
 * {@code equals-ignore-case}), {@code anything-but} (values, {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code wildcard}), {@code numeric} ranges, {@code exists},
 * {@code equals-ignore-case}, {@code cidr}, {@code wildcard} and {@code $or}. An event's arrays are
 * flattened: a field matches when any of its values matches any of the pattern's.
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("5.0E9");

    private final Node root;

    private EventPattern(Node root) {
        this.root = root;
    }

    /** @throws InvalidEventPattern with AWS's reason when the pattern is not valid */
    public static EventPattern parse(String pattern) {
        JsonNode tree;
        try {
            tree = JSON.readTree(pattern);
        } catch (JsonProcessingException e) {
            throw new InvalidEventPattern("Filter is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventPattern("Filter is not an object");
        }
        return new EventPattern(object(tree, ""));
    }

    /** Whether {@code event} (a JSON object) matches. */
    public boolean matches(JsonNode event) {
        return root.matches(List.of(event));
    }

    public boolean matches(String event) {
        try {
            return matches(JSON.readTree(event));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Thrown for a pattern AWS refuses; the message is AWS's reason. */
    public static final class InvalidEventPattern extends RuntimeException {
        public InvalidEventPattern(String reason) {
            super(reason);
        }
    }

    private interface Node {
        /** @param nodes the event's values at this node's path (arrays flattened) */
        boolean matches(List<JsonNode> nodes);
    }

    private interface Leaf {
        /** Whether one scalar value matches. */
        boolean matches(JsonNode value);
    }

    private static Node object(JsonNode pattern, String path) {
        List<Node> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = path.isEmpty() ? name : path + "." + name;
            if (name.equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new InvalidEventPattern("Value of $or must be an array of at least 2 objects");
                }
                List<Node> alternatives = new ArrayList<>();
                for (JsonNode alternative : value) {
                    if (!alternative.isObject()) {
                        throw new InvalidEventPattern("Value of $or must be an array of at least 2 objects");
                    }
                    alternatives.add(object(alternative, path));
                }
                parts.add(nodes -> alternatives.stream().anyMatch(a -> a.matches(nodes)));
            } else if (value.isObject()) {
                Node child = object(value, at);
                parts.add(nodes -> child.matches(children(nodes, name)));
            } else if (value.isArray()) {
                parts.add(field(value, at, name));
            } else {
                throw new InvalidEventPattern("Match value must be String, number, true, false, or null at " + at);
            }
        }
        if (parts.isEmpty() && !path.isEmpty()) {
            throw new InvalidEventPattern("Empty objects are not allowed at " + path);
        }
        return nodes -> {
            for (Node part : parts) {
                if (!part.matches(nodes)) return false;
            }
            return true;
        };
    }

    private static List<JsonNode> children(List<JsonNode> nodes, String name) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode node : nodes) {
            JsonNode child = node.get(name);
            if (child != null) flatten(child, out);
        }
        return out;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            for (JsonNode element : node) flatten(element, out);
        } else {
            out.add(node);
        }
    }

    /** A field's array of matchers; {@code exists} decides on presence, the others on any scalar value. */
    private static Node field(JsonNode matchers, String path, String name) {
        if (matchers.isEmpty()) {
            throw new InvalidEventPattern("Empty arrays are not allowed at " + path);
        }
        List<Leaf> leaves = new ArrayList<>();
        Boolean exists = null;
        for (JsonNode matcher : matchers) {
            if (matcher.isObject() && matcher.has("exists")) {
                if (matcher.size() != 1 || !matcher.get("exists").isBoolean()) {
                    throw new InvalidEventPattern("exists match pattern must be either true or false at " + path);
                }
                if (matchers.size() != 1) {
                    throw new InvalidEventPattern("exists match pattern must be the only value at " + path);
                }
                exists = matcher.get("exists").booleanValue();
            } else {
                leaves.add(leaf(matcher, path));
            }
        }
        if (exists != null) {
            boolean wanted = exists;
            return nodes -> {
                boolean present = false;
                for (JsonNode value : children(nodes, name)) {
                    if (!value.isObject()) {
                        present = true;
                        break;
                    }
                }
                return present == wanted;
            };
        }
        return nodes -> {
            for (JsonNode value : children(nodes, name)) {
                if (value.isObject()) continue;
                for (Leaf leaf : leaves) {
                    if (leaf.matches(value)) return true;
                }
            }
            return false;
        };
    }

    private static Leaf leaf(JsonNode matcher, String path) {
        if (matcher.isTextual()) {
            String wanted = matcher.textValue();
            return value -> value.isTextual() && value.textValue().equals(wanted);
        }
        if (matcher.isNumber()) {
            BigDecimal wanted = matcher.decimalValue();
            return value -> value.isNumber() && value.decimalValue().compareTo(wanted) == 0;
        }
        if (matcher.isBoolean()) {
            boolean wanted = matcher.booleanValue();
            return value -> value.isBoolean() && value.booleanValue() == wanted;
        }
        if (matcher.isNull()) {
            return JsonNode::isNull;
        }
        if (matcher.isArray()) {
            throw new InvalidEventPattern("Match value must be String, number, true, false, or null at " + path);
        }
        if (matcher.size() != 1) {
            throw new InvalidEventPattern("Only one key allowed in match expression at " + path);
        }
        String operator = matcher.fieldNames().next();
        JsonNode operand = matcher.get(operator);
        return switch (operator) {
            case "prefix" -> affix(operand, path, "prefix", true);
            case "suffix" -> affix(operand, path, "suffix", false);
            case "equals-ignore-case" -> {
                String wanted = text(operand, path, "equals-ignore-case");
                yield value -> value.isTextual() && value.textValue().equalsIgnoreCase(wanted);
            }
            case "wildcard" -> wildcard(text(operand, path, "wildcard"), path);
            case "numeric" -> numeric(operand, path);
            case "cidr" -> cidr(text(operand, path, "cidr"), path);
            case "anything-but" -> anythingBut(operand, path);
            default -> throw new InvalidEventPattern("Unrecognized match type " + operator + " at " + path);
        };
    }

    private static String text(JsonNode operand, String path, String operator) {
        if (!operand.isTextual()) {
            throw new InvalidEventPattern(operator + " match pattern must be a string at " + path);
        }
        return operand.textValue();
    }

    private static Leaf affix(JsonNode operand, String path, String operator, boolean prefix) {
        boolean ignoreCase = false;
        String wanted;
        if (operand.isObject() && operand.size() == 1 && operand.has("equals-ignore-case")) {
            ignoreCase = true;
            wanted = text(operand.get("equals-ignore-case"), path, operator);
        } else {
            wanted = text(operand, path, operator);
        }
        boolean caseless = ignoreCase;
        String lowered = wanted.toLowerCase(Locale.ROOT);
        return value -> {
            if (!value.isTextual()) return false;
            String text = caseless ? value.textValue().toLowerCase(Locale.ROOT) : value.textValue();
            String against = caseless ? lowered : wanted;
            return prefix ? text.startsWith(against) : text.endsWith(against);
        };
    }

    private static Leaf wildcard(String pattern, String path) {
        if (pattern.contains("**")) {
            throw new InvalidEventPattern("Consecutive wildcard characters at pos " + pattern.indexOf("**") + " at " + path);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
                piece.append(pattern.charAt(++i));
            } else if (c == '*') {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return value -> value.isTextual() && globMatches(pieces, value.textValue());
    }

    /** pieces are the literal runs between stars: first must start, last must end the text. */
    static boolean globMatches(List<String> pieces, String text) {
        if (pieces.size() == 1) return text.equals(pieces.get(0));
        String first = pieces.get(0);
        String last = pieces.get(pieces.size() - 1);
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < pieces.size() - 1; i++) {
            int found = text.indexOf(pieces.get(i), at);
            if (found < 0 || found + pieces.get(i).length() > end) return false;
            at = found + pieces.get(i).length();
        }
        return true;
    }

    private static Leaf numeric(JsonNode operand, String path) {
        if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0 || operand.size() > 4) {
            throw new InvalidEventPattern("Value of numeric must be an array of operator and number pairs at " + path);
        }
        List<NumberTest> bounds = new ArrayList<>();
        boolean lower = false;
        boolean upper = false;
        boolean equals = false;
        for (int i = 0; i < operand.size(); i += 2) {
            JsonNode op = operand.get(i);
            JsonNode number = operand.get(i + 1);
            if (!op.isTextual()) {
                throw new InvalidEventPattern("Value of numeric must be an array of operator and number pairs at " + path);
            }
            if (!number.isNumber()) {
                throw new InvalidEventPattern("Value of " + op.textValue() + " must be a number at " + path);
            }
            BigDecimal bound = number.decimalValue();
            if (bound.abs().compareTo(NUMERIC_LIMIT) > 0) {
                throw new InvalidEventPattern("Value of " + op.textValue() + " must be between -5.0E9 and 5.0E9 inclusive at " + path);
            }
            switch (op.textValue()) {
                case "<" -> { upper = repeat(upper, path); bounds.add(v -> v.compareTo(bound) < 0); }
                case "<=" -> { upper = repeat(upper, path); bounds.add(v -> v.compareTo(bound) <= 0); }
                case ">" -> { lower = repeat(lower, path); bounds.add(v -> v.compareTo(bound) > 0); }
                case ">=" -> { lower = repeat(lower, path); bounds.add(v -> v.compareTo(bound) >= 0); }
                case "=" -> { equals = repeat(equals, path); bounds.add(v -> v.compareTo(bound) == 0); }
                default -> throw new InvalidEventPattern("Unrecognized numeric range operator: " + op.textValue() + " at " + path);
            }
            if (equals && (lower || upper)) {
                throw new InvalidEventPattern("Numeric equals cannot be combined with a range at " + path);
            }
        }
        List<NumberTest> tests = List.copyOf(bounds);
        return value -> {
            if (!value.isNumber()) return false;
            BigDecimal number = value.decimalValue();
            for (NumberTest test : tests) {
                if (!test.test(number)) return false;
            }
            return true;
        };
    }

    @FunctionalInterface
    private interface NumberTest {
        boolean test(BigDecimal value);
    }

    private static boolean repeat(boolean seen, String path) {
        if (seen) {
            throw new InvalidEventPattern("Bad numeric range operator at " + path);
        }
        return true;
    }

    private static Leaf cidr(String range, String path) {
        int slash = range.indexOf('/');
        try {
            if (slash < 0) throw new UnknownHostException(range);
            String address = range.substring(0, slash);
            if (!address.matches("[0-9a-fA-F:.]+")) throw new UnknownHostException(range);
            byte[] network = InetAddress.getByName(address).getAddress();
            int bits = Integer.parseInt(range.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) throw new UnknownHostException(range);
            return value -> {
                if (!value.isTextual() || !value.textValue().matches("[0-9a-fA-F:.]+")) return false;
                try {
                    byte[] candidate = InetAddress.getByName(value.textValue()).getAddress();
                    return candidate.length == network.length && samePrefix(candidate, network, bits);
                } catch (UnknownHostException e) {
                    return false;
                }
            };
        } catch (UnknownHostException | NumberFormatException e) {
            throw new InvalidEventPattern("Malformed CIDR, one '/' required at " + path);
        }
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) return false;
        }
        return true;
    }

    private static Leaf anythingBut(JsonNode operand, String path) {
        if (operand.isObject()) {
            if (operand.size() != 1) {
                throw new InvalidEventPattern("Only one key allowed in anything-but match expression at " + path);
            }
            String operator = operand.fieldNames().next();
            JsonNode inner = operand.get(operator);
            Leaf not = switch (operator) {
                case "prefix" -> affix(inner, path, "prefix", true);
                case "suffix" -> affix(inner, path, "suffix", false);
                case "wildcard" -> wildcard(text(inner, path, "wildcard"), path);
                case "equals-ignore-case" -> {
                    List<String> values = new ArrayList<>();
                    if (inner.isArray()) {
                        for (JsonNode v : inner) values.add(text(v, path, "equals-ignore-case"));
                    } else {
                        values.add(text(inner, path, "equals-ignore-case"));
                    }
                    yield value -> value.isTextual() && values.stream().anyMatch(v -> v.equalsIgnoreCase(value.textValue()));
                }
                default -> throw new InvalidEventPattern("Unsupported anything-but pattern: " + operator + " at " + path);
            };
            return value -> value.isTextual() && !not.matches(value);
        }
        List<Leaf> excluded = new ArrayList<>();
        if (operand.isArray()) {
            for (JsonNode v : operand) {
                if (!v.isTextual() && !v.isNumber()) {
                    throw new InvalidEventPattern("Inside anything but list, start|null|boolean is not supported at " + path);
                }
                excluded.add(leaf(v, path));
            }
        } else if (operand.isTextual() || operand.isNumber()) {
            excluded.add(leaf(operand, path));
        } else {
            throw new InvalidEventPattern("Inside anything but list, start|null|boolean is not supported at " + path);
        }
        return value -> {
            for (Leaf leaf : excluded) {
                if (leaf.matches(value)) return false;
            }
            return true;
        };
    }
}
