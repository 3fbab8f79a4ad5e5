package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Many rules' event patterns, matched against an event at once: exactly the rules whose
 * {@link EventPattern#matches} holds, in the order they were first put.
 *
 * <p>Each pattern is filed under anchors at least one of which every event it matches meets
 * ({@link EventPattern#anchors}: for a conjunction the cheapest part's, for {@code $or} every
 * alternative's): exact values in hash tables, prefixes and suffixes by their length, numeric
 * intervals in a sorted list, or mere presence of a field. An event is read once for all paths the
 * rules look at ({@link EventValues}); its values select candidates, and each candidate is verified
 * with its whole pattern. Patterns with no anchor ({@code exists: false} alone) are always verified.
 * The cost of an anchor is how many rules offer the same one, weighted by its kind, so a rule is
 * filed under its rarest condition.
 *
 * <p>Reads take an immutable snapshot and need no lock. Writes only mark the snapshot stale; the
 * next read builds a new one (linear in the number of rules) under the index's lock, so a burst of
 * writes (loading every rule of a bus) costs one build.
 */
public final class RuleIndex {
    private final Map<String, EventPattern> rules = new LinkedHashMap<>();
    private volatile RuleSnapshot snapshot = RuleSnapshot.of(List.of(), List.of());
    private volatile boolean stale;

    /** Adds the rule, or replaces its pattern (keeping its place in the order). */
    public synchronized void put(String ruleId, EventPattern pattern) {
        rules.put(Objects.requireNonNull(ruleId), Objects.requireNonNull(pattern));
        stale = true;
    }

    /** Adds or replaces all of {@code patterns}. */
    public synchronized void putAll(Map<String, EventPattern> patterns) {
        patterns.forEach((id, pattern) -> rules.put(Objects.requireNonNull(id), Objects.requireNonNull(pattern)));
        stale = true;
    }

    /** Removes the rule; nothing happens when it is not there. */
    public synchronized void remove(String ruleId) {
        if (rules.remove(ruleId) != null) stale = true;
    }

    public int size() {
        return current().size();
    }

    /** The ids of the rules whose patterns match {@code event}, in the order they were first put. */
    public List<String> matching(JsonNode event) {
        return current().matching(event);
    }

    private RuleSnapshot current() {
        if (stale) {
            synchronized (this) {
                if (stale) {
                    snapshot = RuleSnapshot.of(new ArrayList<>(rules.keySet()), new ArrayList<>(rules.values()));
                    stale = false;
                }
            }
        }
        return snapshot;
    }
}
