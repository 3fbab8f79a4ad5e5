package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The anchors filed at one path, and which rules each selects: exact strings and scalars by hash,
 * prefixes and suffixes (case-sensitive or lower-cased) by hashing each length some rule uses,
 * numeric intervals sorted by their low end, and rules that only need the field present.
 */
final class AnchorTable {
    private static final int[] NONE = new int[0];

    private final Map<String, int[]> texts;
    private final Map<String, int[]> scalars;
    private final Affixes prefixes;
    private final Affixes suffixes;
    private final Affixes caselessPrefixes;
    private final Affixes caselessSuffixes;
    private final double[] lows;
    private final double[] highs;
    private final int[] rangeRules;
    private final int[] present;

    private AnchorTable(Builder b) {
        texts = freeze(b.texts);
        scalars = freeze(b.scalars);
        prefixes = Affixes.of(b.prefixes, true);
        suffixes = Affixes.of(b.suffixes, false);
        caselessPrefixes = Affixes.of(b.caselessPrefixes, true);
        caselessSuffixes = Affixes.of(b.caselessSuffixes, false);
        b.ranges.sort((x, y) -> Double.compare(x.range.low(), y.range.low()));
        lows = new double[b.ranges.size()];
        highs = new double[b.ranges.size()];
        rangeRules = new int[b.ranges.size()];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = b.ranges.get(i).range.low();
            highs[i] = b.ranges.get(i).range.high();
            rangeRules[i] = b.ranges.get(i).rule;
        }
        present = b.present.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sets the bit of every rule some value at {@code path} selects. */
    void mark(EventValues values, int path, long[] candidates) {
        set(present, candidates);
        for (int i = 0; i < values.size(path); i++) {
            JsonNode value = values.get(path, i);
            if (value.isTextual()) {
                String text = value.textValue();
                if (texts != null) set(texts.getOrDefault(text, NONE), candidates);
                if (prefixes != null) prefixes.mark(text, candidates);
                if (suffixes != null) suffixes.mark(text, candidates);
                if (caselessPrefixes != null || caselessSuffixes != null) {
                    String lowered = text.toLowerCase(Locale.ROOT);
                    if (caselessPrefixes != null) caselessPrefixes.mark(lowered, candidates);
                    if (caselessSuffixes != null) caselessSuffixes.mark(lowered, candidates);
                }
                continue;
            }
            if (scalars != null) {
                String key = Anchor.scalarKey(value);
                if (key != null) set(scalars.getOrDefault(key, NONE), candidates);
            }
            if (value.isNumber() && lows.length > 0) {
                double number = value.doubleValue();
                int end = upperBound(lows, number);
                for (int r = 0; r < end; r++) {
                    if (highs[r] >= number) set(rangeRules[r], candidates);
                }
            }
        }
    }

    /** The number of lows at most {@code number}. */
    private static int upperBound(double[] lows, double number) {
        int lo = 0;
        int hi = lows.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lows[mid] <= number) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void set(int[] rules, long[] candidates) {
        for (int rule : rules) set(rule, candidates);
    }

    private static void set(int rule, long[] candidates) {
        candidates[rule >>> 6] |= 1L << rule;
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> byKey) {
        if (byKey.isEmpty()) return null;
        Map<String, int[]> frozen = new HashMap<>(byKey.size() * 2);
        byKey.forEach((key, rules) -> frozen.put(key, rules.stream().mapToInt(Integer::intValue).toArray()));
        return frozen;
    }

    /** Prefixes or suffixes: one hash table over all of them, probed once per length in use. */
    private record Affixes(Map<String, int[]> byText, int[] lengths, boolean prefix) {
        static Affixes of(Map<String, List<Integer>> byText, boolean prefix) {
            if (byText.isEmpty()) return null;
            TreeSet<Integer> lengths = new TreeSet<>();
            for (String text : byText.keySet()) lengths.add(text.length());
            return new Affixes(freeze(byText), lengths.stream().mapToInt(Integer::intValue).toArray(), prefix);
        }

        void mark(String text, long[] candidates) {
            for (int length : lengths) {
                if (length > text.length()) return;
                String part = prefix ? text.substring(0, length) : text.substring(text.length() - length);
                int[] rules = byText.get(part);
                if (rules != null) set(rules, candidates);
            }
        }
    }

    private record RangeRule(Anchor.Range range, int rule) {}

    static final class Builder {
        private final Map<String, List<Integer>> texts = new HashMap<>();
        private final Map<String, List<Integer>> scalars = new HashMap<>();
        private final Map<String, List<Integer>> prefixes = new HashMap<>();
        private final Map<String, List<Integer>> suffixes = new HashMap<>();
        private final Map<String, List<Integer>> caselessPrefixes = new HashMap<>();
        private final Map<String, List<Integer>> caselessSuffixes = new HashMap<>();
        private final List<RangeRule> ranges = new ArrayList<>();
        private final List<Integer> present = new ArrayList<>();

        void add(Anchor anchor, int rule) {
            switch (anchor) {
                case Anchor.Text t -> file(texts, t.value(), rule);
                case Anchor.Scalar s -> file(scalars, s.key(), rule);
                case Anchor.Prefix p -> file(p.caseless() ? caselessPrefixes : prefixes, p.text(), rule);
                case Anchor.Suffix s -> file(s.caseless() ? caselessSuffixes : suffixes, s.text(), rule);
                case Anchor.Range r -> ranges.add(new RangeRule(r, rule));
                case Anchor.Present p -> present.add(rule);
            }
        }

        private static void file(Map<String, List<Integer>> table, String key, int rule) {
            List<Integer> rules = table.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (rules.isEmpty() || rules.get(rules.size() - 1) != rule) rules.add(rule);
        }

        AnchorTable build() {
            return new AnchorTable(this);
        }
    }
}
