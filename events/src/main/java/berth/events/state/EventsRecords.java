package berth.events.state;

import berth.aws.Scope;
import berth.events.core.Delivery;
import berth.events.core.EventBus;
import berth.events.core.Rule;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Buses, rules (with their targets) and pending deliveries in the store: kinds {@code events.bus}
 * (key {@code account/region/name}), {@code events.rule} ({@code account/region/bus/name}) and
 * {@code events.delivery} ({@code account/region/<event id>/<bus>/<rule>/<target id>}).
 */
public final class EventsRecords {
    public static final String BUSES = "events.bus";
    public static final String RULES = "events.rule";
    public static final String DELIVERIES = "events.delivery";

    private final Store store;
    private final RecordTable<EventBus> buses;
    private final RecordTable<Rule> rules;
    private final RecordTable<Delivery> deliveries;

    public EventsRecords(Store store) {
        this.store = store;
        this.buses = new RecordTable<>(store, BUSES, EventBus.class, b -> new Scope(b.accountId(), b.region()).key(b.name()));
        this.rules = new RecordTable<>(store, RULES, Rule.class,
                r -> new Scope(r.accountId(), r.region()).key(r.bus() + "/" + r.name()));
        this.deliveries = new RecordTable<>(store, DELIVERIES, Delivery.class, d -> new Scope(d.accountId(), d.region())
                .key(d.eventId() + "/" + d.bus() + "/" + d.ruleName() + "/" + d.target().id()));
    }

    public Optional<Versioned<EventBus>> bus(Scope scope, String name) {
        return buses.find(scope.key(name));
    }

    public List<EventBus> buses(Scope scope) {
        return buses.list(scope.prefix());
    }

    public void saveBus(EventBus bus, long expectedVersion) {
        buses.save(bus, expectedVersion);
    }

    public void deleteBus(EventBus bus, long expectedVersion) {
        buses.remove(buses.keyOf(bus), expectedVersion);
    }

    public Optional<Versioned<Rule>> rule(Scope scope, String bus, String name) {
        return rules.find(scope.key(bus + "/" + name));
    }

    /** A bus's rules, by name. */
    public List<Rule> rules(Scope scope, String bus) {
        return rules.list(scope.key(bus + "/"));
    }

    public List<Versioned<Rule>> allRules() {
        return rules.listVersioned("");
    }

    public void saveRule(Rule rule, long expectedVersion) {
        rules.save(rule, expectedVersion);
    }

    public void deleteRule(Rule rule, long expectedVersion) {
        rules.remove(rules.keyOf(rule), expectedVersion);
    }

    /**
     * Commits deliveries that are not committed yet (an event ingested again finds its deliveries there
     * and adds nothing), in one commit when none is there, which is the rule.
     *
     * @return how many were new
     */
    public int commitDeliveries(List<Delivery> batch) {
        List<Write> writes = new ArrayList<>();
        for (Delivery delivery : batch) writes.add(deliveries.put(delivery, Store.ABSENT));
        try {
            store.commit(writes);
            return writes.size();
        } catch (VersionConflict e) {
            // some are there already (the same event ingested again): add the rest one by one
            int added = 0;
            for (Delivery delivery : batch) {
                try {
                    deliveries.save(delivery, Store.ABSENT);
                    added++;
                } catch (VersionConflict already) {
                    // there already
                }
            }
            return added;
        }
    }

    /** Commits a schedule's occurrence: its deliveries and the rule's advanced cursor, in one commit. */
    public void commitOccurrence(List<Delivery> batch, Rule advanced, long ruleVersion) {
        List<Write> writes = new ArrayList<>();
        for (Delivery delivery : batch) writes.add(deliveries.put(delivery, Store.ABSENT));
        writes.add(rules.put(advanced, ruleVersion));
        store.commit(writes);
    }

    public List<Versioned<Delivery>> deliveries() {
        return deliveries.listVersioned("");
    }

    public void saveDelivery(Delivery delivery, long expectedVersion) {
        deliveries.save(delivery, expectedVersion);
    }

    public void deleteDelivery(Delivery delivery, long expectedVersion) {
        deliveries.remove(deliveries.keyOf(delivery), expectedVersion);
    }
}
