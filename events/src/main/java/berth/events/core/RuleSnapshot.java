package berth.events.core;

import berth.events.core.EventPattern.PathAnchor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One immutable state of a {@link RuleIndex}: its rules, their shared paths and their anchor tables. */
final class RuleSnapshot {
    private final String[] ids;
    private final EventPattern[] patterns;
    /** Per rule, the shared path number of each of its pattern's own paths. */
    private final int[][] pathsOf;
    private final FieldPaths paths;
    /** Per shared path, the anchors filed there, or null. */
    private final AnchorTable[] tables;
    /** Rules always verified, as a bit set over rule numbers. */
    private final long[] unanchored;

    private RuleSnapshot(String[] ids, EventPattern[] patterns, int[][] pathsOf, FieldPaths paths,
                         AnchorTable[] tables, long[] unanchored) {
        this.ids = ids;
        this.patterns = patterns;
        this.pathsOf = pathsOf;
        this.paths = paths;
        this.tables = tables;
        this.unanchored = unanchored;
    }

    /** Anchors shared by many rules cost more; the count is of distinct rules offering the same anchor. */
    private record SharedAnchor(int path, Anchor anchor) {}

    static RuleSnapshot of(List<String> ids, List<EventPattern> patterns) {
        int n = ids.size();
        FieldPaths paths = new FieldPaths();
        int[][] pathsOf = new int[n][];
        for (int r = 0; r < n; r++) {
            List<List<String>> own = patterns.get(r).paths();
            pathsOf[r] = new int[own.size()];
            for (int i = 0; i < own.size(); i++) pathsOf[r][i] = paths.id(own.get(i));
        }
        Map<SharedAnchor, Integer> sharers = new HashMap<>();
        for (int r = 0; r < n; r++) {
            int[] at = pathsOf[r];
            Set<SharedAnchor> offered = new HashSet<>();
            patterns.get(r).offeredAnchors(a -> offered.add(new SharedAnchor(at[a.path()], a.anchor().shareKey())));
            for (SharedAnchor anchor : offered) sharers.merge(anchor, 1, Integer::sum);
        }
        AnchorTable.Builder[] builders = new AnchorTable.Builder[paths.count()];
        long[] unanchored = new long[(n + 63) >>> 6];
        for (int r = 0; r < n; r++) {
            int[] at = pathsOf[r];
            List<PathAnchor> anchors = patterns.get(r).anchors(a ->
                    a.anchor().weight() * sharers.getOrDefault(new SharedAnchor(at[a.path()], a.anchor().shareKey()), 1));
            if (anchors == null) {
                unanchored[r >>> 6] |= 1L << r;
                continue;
            }
            for (PathAnchor anchor : anchors) {
                int p = at[anchor.path()];
                if (builders[p] == null) builders[p] = new AnchorTable.Builder();
                builders[p].add(anchor.anchor(), r);
            }
        }
        AnchorTable[] tables = new AnchorTable[paths.count()];
        for (int p = 0; p < tables.length; p++) {
            if (builders[p] != null) tables[p] = builders[p].build();
        }
        return new RuleSnapshot(ids.toArray(String[]::new), patterns.toArray(EventPattern[]::new), pathsOf, paths,
                tables, unanchored);
    }

    int size() {
        return ids.length;
    }

    List<String> matching(JsonNode event) {
        if (ids.length == 0) return List.of();
        EventValues values = EventValues.of(event, paths);
        long[] candidates = unanchored.clone();
        for (int p = 0; p < tables.length; p++) {
            if (tables[p] != null && values.size(p) > 0) tables[p].mark(values, p, candidates);
        }
        List<String> matched = new ArrayList<>(16);
        for (int word = 0; word < candidates.length; word++) {
            long bits = candidates[word];
            while (bits != 0) {
                int r = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (patterns[r].matches(values, pathsOf[r])) matched.add(ids[r]);
            }
        }
        return matched;
    }
}
