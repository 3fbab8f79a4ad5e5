package berth.events.control;

import berth.aws.Scope;
import berth.events.core.EventPattern;
import berth.events.core.Rule;
import berth.events.state.EventsRecords;
import berth.store.Store;
import berth.store.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each bus's rules with their compiled patterns, read from the store once and kept until a rule
 * changes (any change to {@code events.rule} forgets them all): what ingestion matches events against.
 */
final class BusRules implements AutoCloseable {
    private final EventsRecords records;
    private final Map<String, List<Rule>> byBus = new ConcurrentHashMap<>();
    private final Map<String, EventPattern> patterns = new ConcurrentHashMap<>();
    private final Subscription subscription;

    BusRules(EventsRecords records, Store store) {
        this.records = records;
        this.subscription = store.watch(EventsRecords.RULES, change -> byBus.clear());
    }

    List<Rule> of(Scope scope, String bus) {
        return byBus.computeIfAbsent(scope.key(bus), k -> records.rules(scope, bus));
    }

    EventPattern pattern(String text) {
        if (patterns.size() > 10_000) patterns.clear();
        return patterns.computeIfAbsent(text, EventPattern::parse);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
