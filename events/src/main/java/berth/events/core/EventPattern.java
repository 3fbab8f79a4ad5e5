package berth.events.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An EventBridge event pattern, compiled once and matched against events: exact values (strings,
 * numbers compared numerically, booleans, null), {@code prefix}, {@code suffix} (both optionally
 * {@code equals-ignore-case}), {@code anything-but} (values, {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code wildcard}, each with one value or a list), {@code numeric}
 * ranges, {@code exists}, {@code equals-ignore-case}, {@code cidr}, {@code wildcard} and
 * {@code $or}. An event's arrays are flattened: a field matches when any of its values matches any
 * of the pattern's. The compiled pattern is a tree of all/any nodes over fields, each field a
 * numbered path ({@link FieldPaths}), so that {@link RuleIndex} can read an event once for many
 * patterns and look them up by their {@link Anchor}s.
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Field names AWS refuses inside {@code $or}, so an operator misplaced there is not taken for a field. */
    private static final Set<String> RESERVED_IN_OR = Set.of("exact", "equals-ignore-case", "prefix", "suffix",
            "anything-but", "exists", "wildcard", "numeric", "cidr", "=", "<", "<=", ">", ">=");

    private final Node root;
    private final FieldPaths paths;
    private final List<List<String>> pathNames;
    private final int[] ownPaths;

    private EventPattern(Node root, FieldPaths paths, List<List<String>> pathNames) {
        this.root = root;
        this.paths = paths;
        this.pathNames = List.copyOf(pathNames);
        this.ownPaths = new int[pathNames.size()];
        for (int i = 0; i < ownPaths.length; i++) ownPaths[i] = i;
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
        Parser parser = new Parser();
        Node root = parser.object(tree, List.of(), false);
        return new EventPattern(root, parser.paths, parser.names);
    }

    /** Whether {@code event} (a JSON object) matches. */
    public boolean matches(JsonNode event) {
        return root.matches(EventValues.of(event, paths), ownPaths);
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

    /** Whether the event read into {@code values} matches, this pattern's path {@code i} being {@code at[i]} there. */
    boolean matches(EventValues values, int[] at) {
        return root.matches(values, at);
    }

    /** The field paths this pattern reads, by its own path numbers. */
    List<List<String>> paths() {
        return pathNames;
    }

    /** Every anchor some field of the pattern offers (by this pattern's path numbers). */
    void offeredAnchors(Consumer<PathAnchor> into) {
        root.offer(into);
    }

    /**
     * The cheapest anchors (by {@code cost}) at least one of which every matching event meets, or
     * null when the pattern can match without any ({@code exists: false} alone).
     */
    List<PathAnchor> anchors(AnchorCost cost) {
        return root.anchors(cost);
    }

    /** An anchor at one of the pattern's paths. */
    record PathAnchor(int path, Anchor anchor) {}

    @FunctionalInterface
    interface AnchorCost {
        double of(PathAnchor anchor);
    }

    private sealed interface Node permits All, Any, Field {
        boolean matches(EventValues values, int[] at);

        void offer(Consumer<PathAnchor> into);

        List<PathAnchor> anchors(AnchorCost cost);
    }

    private record All(Node[] parts) implements Node {
        @Override
        public boolean matches(EventValues values, int[] at) {
            for (Node part : parts) {
                if (!part.matches(values, at)) return false;
            }
            return true;
        }

        @Override
        public void offer(Consumer<PathAnchor> into) {
            for (Node part : parts) part.offer(into);
        }

        /** Any one part's anchors do, since every part must match: the cheapest. */
        @Override
        public List<PathAnchor> anchors(AnchorCost cost) {
            List<PathAnchor> best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Node part : parts) {
                List<PathAnchor> anchors = part.anchors(cost);
                if (anchors == null) continue;
                double total = 0;
                for (PathAnchor anchor : anchors) total += cost.of(anchor);
                if (total < bestCost) {
                    best = anchors;
                    bestCost = total;
                }
            }
            return best;
        }
    }

    private record Any(Node[] alternatives) implements Node {
        @Override
        public boolean matches(EventValues values, int[] at) {
            for (Node alternative : alternatives) {
                if (alternative.matches(values, at)) return true;
            }
            return false;
        }

        @Override
        public void offer(Consumer<PathAnchor> into) {
            for (Node alternative : alternatives) alternative.offer(into);
        }

        /** Every alternative's anchors together, since any alternative may be the one matching. */
        @Override
        public List<PathAnchor> anchors(AnchorCost cost) {
            List<PathAnchor> all = new ArrayList<>();
            for (Node alternative : alternatives) {
                List<PathAnchor> anchors = alternative.anchors(cost);
                if (anchors == null) return null;
                all.addAll(anchors);
            }
            return all;
        }
    }

    /**
     * A field's array: it matches when a value matches any test, or by presence as its
     * {@code exists} entries ask.
     */
    private record Field(int path, ValueTest[] tests, boolean existsTrue, boolean existsFalse) implements Node {
        @Override
        public boolean matches(EventValues values, int[] at) {
            int p = at[path];
            int size = values.size(p);
            if (size == 0) return existsFalse;
            if (existsTrue) return true;
            for (int i = 0; i < size; i++) {
                JsonNode value = values.get(p, i);
                for (ValueTest test : tests) {
                    if (test.test(value)) return true;
                }
            }
            return false;
        }

        @Override
        public void offer(Consumer<PathAnchor> into) {
            into.accept(new PathAnchor(path, Anchor.PRESENT));
            for (ValueTest test : tests) {
                for (Anchor anchor : test.anchors()) into.accept(new PathAnchor(path, anchor));
            }
        }

        /** Each test's cheapest anchor, or presence when a test has none; none when absence matches. */
        @Override
        public List<PathAnchor> anchors(AnchorCost cost) {
            if (existsFalse) return null;
            List<PathAnchor> presence = List.of(new PathAnchor(path, Anchor.PRESENT));
            if (existsTrue) return presence;
            List<PathAnchor> chosen = new ArrayList<>();
            for (ValueTest test : tests) {
                PathAnchor best = null;
                for (Anchor anchor : test.anchors()) {
                    PathAnchor candidate = new PathAnchor(path, anchor);
                    if (best == null || cost.of(candidate) < cost.of(best)) best = candidate;
                }
                if (best == null) return presence;
                chosen.add(best);
            }
            double total = 0;
            for (PathAnchor anchor : chosen) total += cost.of(anchor);
            return total <= cost.of(presence.get(0)) ? chosen : presence;
        }
    }

    private static final class Parser {
        final FieldPaths paths = new FieldPaths();
        final List<List<String>> names = new ArrayList<>();

        Node object(JsonNode pattern, List<String> path, boolean inOr) {
            List<Node> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (name.equals("$or")) {
                    parts.add(or(value, path, at(path, name)));
                    continue;
                }
                if (inOr && RESERVED_IN_OR.contains(name)) {
                    throw new InvalidEventPattern(name + " is Ruler reserved fieldName which cannot be used inside $or. at "
                            + at(path, name));
                }
                List<String> child = new ArrayList<>(path);
                child.addAll(List.of(name.split("\\.", -1)));
                if (value.isObject()) {
                    parts.add(object(value, List.copyOf(child), inOr));
                } else if (value.isArray()) {
                    parts.add(field(value, List.copyOf(child)));
                } else {
                    throw new InvalidEventPattern("\"" + name + "\" must be an object or an array at " + at(path, name));
                }
            }
            if (parts.isEmpty()) {
                throw new InvalidEventPattern("Empty objects are not allowed" + (path.isEmpty() ? "" : " at " + String.join(".", path)));
            }
            return parts.size() == 1 ? parts.get(0) : new All(parts.toArray(Node[]::new));
        }

        private Node or(JsonNode value, List<String> path, String at) {
            if (!value.isArray()) throw new InvalidEventPattern("It must be an Array followed with $or. at " + at);
            List<Node> alternatives = new ArrayList<>();
            for (JsonNode alternative : value) {
                if (!alternative.isObject()) {
                    throw new InvalidEventPattern("Only JSON object is allowed in array of $or relationship. at " + at);
                }
                alternatives.add(object(alternative, path, true));
            }
            if (alternatives.size() < 2) {
                throw new InvalidEventPattern("There must have at least 2 Objects in $or relationship. at " + at);
            }
            return new Any(alternatives.toArray(Node[]::new));
        }

        private Node field(JsonNode matchers, List<String> path) {
            String at = String.join(".", path);
            if (matchers.isEmpty()) throw new InvalidEventPattern("Empty arrays are not allowed at " + at);
            List<ValueTest> tests = new ArrayList<>();
            boolean existsTrue = false;
            boolean existsFalse = false;
            for (JsonNode matcher : matchers) {
                if (matcher.isObject() && matcher.has("exists")) {
                    if (matcher.size() != 1) throw new InvalidEventPattern("Only one key allowed in match expression at " + at);
                    if (!matcher.get("exists").isBoolean()) {
                        throw new InvalidEventPattern("exists match pattern must be either true or false. at " + at);
                    }
                    if (matcher.get("exists").booleanValue()) existsTrue = true;
                    else existsFalse = true;
                } else {
                    tests.add(ValueTests.of(matcher, at));
                }
            }
            int id = paths.id(path);
            if (id == names.size()) names.add(path);
            return new Field(id, tests.toArray(ValueTest[]::new), existsTrue, existsFalse);
        }

        private static String at(List<String> path, String name) {
            return path.isEmpty() ? name : String.join(".", path) + "." + name;
        }
    }
}
