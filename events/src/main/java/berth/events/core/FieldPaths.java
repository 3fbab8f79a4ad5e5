package berth.events.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field paths some patterns look at, as a tree of field names, each path numbered. Built by one
 * thread, then only read. Names never hold a dot: AWS joins a pattern's and an event's keys with
 * dots, so {@code "state.status"} is the path {@code state}, {@code status}.
 */
final class FieldPaths {
    /** One field name on the way down; {@code id} is its path's number, -1 when no pattern ends here. */
    static final class Step {
        private final Map<String, Step> byName = new HashMap<>();
        String[] names = new String[0];
        Step[] next = new Step[0];
        int id = -1;

        /** The step for {@code name} below this one, or null when no pattern goes there. */
        Step find(String name) {
            return byName.get(name);
        }

        private Step child(String name) {
            Step step = byName.get(name);
            if (step == null) {
                step = new Step();
                byName.put(name, step);
                names = Arrays.copyOf(names, names.length + 1);
                next = Arrays.copyOf(next, next.length + 1);
                names[names.length - 1] = name;
                next[next.length - 1] = step;
            }
            return step;
        }
    }

    private final Step root = new Step();
    private int count;

    /** The number of {@code path} (field names from the top of the event), numbering it if new. */
    int id(List<String> path) {
        Step step = root;
        for (String name : path) step = step.child(name);
        if (step.id < 0) step.id = count++;
        return step.id;
    }

    Step root() {
        return root;
    }

    int count() {
        return count;
    }
}
