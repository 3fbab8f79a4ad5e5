package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;

/**
 * An event's scalar values at each of some {@link FieldPaths}, read in one walk: arrays are
 * flattened at every level (a field's values are all the scalars its arrays hold, and objects in
 * arrays are walked into), objects are never values, so {@code exists} sees leaves only, and a key
 * with dots stands for the nested keys it joins.
 */
final class EventValues {
    private final JsonNode[][] values;
    private final int[] sizes;

    private EventValues(int paths) {
        values = new JsonNode[paths][];
        sizes = new int[paths];
    }

    static EventValues of(JsonNode event, FieldPaths paths) {
        EventValues read = new EventValues(paths.count());
        if (event != null && event.isObject()) read.walk(event, paths.root());
        return read;
    }

    int size(int path) {
        return sizes[path];
    }

    JsonNode get(int path, int i) {
        return values[path][i];
    }

    private void walk(JsonNode object, FieldPaths.Step step) {
        String[] names = step.names;
        for (int i = 0; i < names.length; i++) {
            JsonNode child = object.get(names[i]);
            if (child != null) visit(child, step.next[i]);
        }
        Iterator<String> keys = object.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.indexOf('.') >= 0) dotted(key, object.get(key), step);
        }
    }

    /** A key holding dots is the path of its parts, as AWS joins keys with dots. */
    private void dotted(String key, JsonNode value, FieldPaths.Step step) {
        FieldPaths.Step at = step;
        for (String part : key.split("\\.", -1)) {
            at = at.find(part);
            if (at == null) return;
        }
        visit(value, at);
    }

    private void visit(JsonNode node, FieldPaths.Step step) {
        if (node.isArray()) {
            for (JsonNode element : node) visit(element, step);
        } else if (node.isObject()) {
            if (step.names.length > 0) walk(node, step);
        } else if (step.id >= 0) {
            add(step.id, node);
        }
    }

    private void add(int path, JsonNode value) {
        JsonNode[] at = values[path];
        if (at == null) {
            at = values[path] = new JsonNode[2];
        } else if (sizes[path] == at.length) {
            at = values[path] = Arrays.copyOf(at, at.length * 2);
        }
        at[sizes[path]++] = value;
    }
}
