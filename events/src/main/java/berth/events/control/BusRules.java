package berth.events.control;

import berth.aws.Scope;
import berth.events.core.EventPattern;
import berth.events.core.EventRouting;
import berth.events.core.Rule;
import berth.events.core.RuleIndex;
import berth.events.state.EventsRecords;
import berth.store.Store;
import berth.store.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each bus's routable rules (enabled, with a pattern and targets) filed in a {@link RuleIndex}, read
 * from the store once and kept until a rule changes (any change to {@code events.rule} forgets them
 * all): what ingestion matches events against.
 */
final class BusRules implements AutoCloseable {
    private final EventsRecords records;
    private final Map<String, EventRouting.BusIndex> byBus = new ConcurrentHashMap<>();
    private final Subscription subscription;

    BusRules(EventsRecords records, Store store) {
        this.records = records;
        this.subscription = store.watchKind(EventsRecords.RULES, change -> byBus.clear());
    }

    EventRouting.BusIndex of(Scope scope, String bus) {
        return byBus.computeIfAbsent(scope.key(bus), k -> index(scope, bus));
    }

    private EventRouting.BusIndex index(Scope scope, String bus) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        Map<String, EventPattern> patterns = new LinkedHashMap<>();
        for (Rule rule : records.rules(scope, bus)) {
            if (!EventRouting.routable(rule)) continue;
            rules.put(rule.name(), rule);
            patterns.put(rule.name(), EventPattern.parse(rule.eventPattern()));
        }
        RuleIndex index = new RuleIndex();
        index.putAll(patterns);
        return new EventRouting.BusIndex(rules, index);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
