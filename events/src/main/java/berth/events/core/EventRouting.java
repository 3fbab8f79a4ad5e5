package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which deliveries an event on a bus makes, pure: one per target of every enabled rule whose pattern
 * matches (found through the bus's {@link RuleIndex}), each with the payload its target is given.
 */
public final class EventRouting {
    private EventRouting() {}

    /** A bus's routable rules by name, their patterns filed in an index under the same names. */
    public record BusIndex(Map<String, Rule> rules, RuleIndex index) {
        public BusIndex {
            rules = Map.copyOf(rules);
        }
    }

    /** Whether a rule routes events: enabled, with a pattern and at least one target. */
    public static boolean routable(Rule rule) {
        return rule.enabled() && !rule.eventPattern().isEmpty() && !rule.targets().isEmpty();
    }

    /** The deliveries of an event on a bus: every target of each rule the index matches, in the index's order. */
    public static List<Delivery> route(String eventId, JsonNode event, BusIndex bus, Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        for (String name : bus.index().matching(event)) {
            deliveries.addAll(deliveriesOf(bus.rules().get(name), eventId, event, now));
        }
        return deliveries;
    }

    /** The deliveries of one rule's targets for an event it matched (or a schedule it fired). */
    public static List<Delivery> deliveriesOf(Rule rule, String eventId, JsonNode event, Instant now) {
        List<Delivery> deliveries = new ArrayList<>(rule.targets().size());
        InputShaping.Matched matched = new InputShaping.Matched(event, rule.arn(), rule.name(), EventEnvelope.time(now));
        String text = event.toString();
        for (Target target : rule.targets()) {
            deliveries.add(new Delivery(rule.accountId(), rule.region(), eventId, rule.arn(), rule.name(), rule.bus(), target,
                    text, InputShaping.payload(target, matched), now.toEpochMilli(), 0, now.toEpochMilli(), "", ""));
        }
        return deliveries;
    }
}
