package berth.elb.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A listener's rules compiled for routing: evaluated in priority order (lowest first), the first
 * that matches decides; when none does, the default action does. {@code R} is what an action is
 * compiled to for the data plane.
 */
public final class RuleTable<R> {
    private record Entry<R>(int priority, Predicate<RequestFacts> matches, R action) {}

    private final List<Entry<R>> entries;
    private final R defaultAction;

    private RuleTable(List<Entry<R>> entries, R defaultAction) {
        this.entries = entries;
        this.defaultAction = defaultAction;
    }

    public static <R> RuleTable<R> compile(List<Rule> rules, List<Action> defaultActions, Function<Action, R> compiler) {
        List<Entry<R>> entries = new ArrayList<>();
        for (Rule rule : rules) {
            entries.add(new Entry<>(rule.priority(), RuleMatcher.compile(rule.conditions()), compiler.apply(rule.actions().get(0))));
        }
        entries.sort(Comparator.comparingInt(Entry::priority));
        return new RuleTable<>(List.copyOf(entries), compiler.apply(defaultActions.get(0)));
    }

    /** True when only the default action applies, so a request needs no inspection. */
    public boolean defaultOnly() {
        return entries.isEmpty();
    }

    public R defaultAction() {
        return defaultAction;
    }

    public R route(RequestFacts facts) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry<R> entry = entries.get(i);
            if (entry.matches.test(facts)) return entry.action;
        }
        return defaultAction;
    }
}
