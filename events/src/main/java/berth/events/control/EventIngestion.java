package berth.events.control;

import berth.aws.Scope;
import berth.events.core.Delivery;
import berth.events.core.EventRouting;
import berth.events.core.RuleCounts;
import berth.events.state.EventsRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an event on a bus: matches it against the bus's rules and commits one delivery per target of
 * each matching rule before returning, so an accepted event survives a restart. Ingesting the same
 * event (same id) again adds nothing.
 */
public final class EventIngestion {
    private static final Logger LOG = LoggerFactory.getLogger(EventIngestion.class);

    private final EventsRecords records;
    private final BusRules rules;
    private final Clock clock;
    private final Runnable wake;
    private final RuleCounts counts;

    EventIngestion(EventsRecords records, BusRules rules, Clock clock, Runnable wake, RuleCounts counts) {
        this.records = records;
        this.rules = rules;
        this.clock = clock;
        this.wake = wake;
        this.counts = counts;
    }

    /** Whether a bus exists: the default bus always does. */
    public boolean busExists(Scope scope, String bus) {
        return bus.equals(berth.events.core.EventBus.DEFAULT) || records.bus(scope, bus).isPresent();
    }

    /**
     * @param event the whole event (with its {@code id})
     * @return how many deliveries it made
     */
    public int ingest(Scope scope, String bus, JsonNode event) {
        List<Delivery> deliveries = EventRouting.route(scope.accountId(), scope.region(), bus, event.path("id").asText(), event,
                rules.of(scope, bus), rules::pattern, clock.instant());
        if (deliveries.isEmpty()) return 0;
        int added = records.commitDeliveries(deliveries);
        if (added > 0) {
            deliveries.stream().map(Delivery::ruleName).distinct().forEach(rule -> {
                counts.add(scope.accountId(), scope.region(), bus, rule, RuleCounts.Metric.MatchedEvents);
                counts.add(scope.accountId(), scope.region(), bus, rule, RuleCounts.Metric.TriggeredRules);
            });
            LOG.debug("event {} on bus {} ({}) matched: {} deliveries", event.path("id").asText(), bus, scope, added);
            wake.run();
        }
        return added;
    }
}
