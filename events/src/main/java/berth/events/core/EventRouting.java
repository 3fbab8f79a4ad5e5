package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which deliveries an event on a bus makes, pure: one per target of every enabled rule whose pattern
 * matches, each with the payload its target is given.
 */
public final class EventRouting {
    private EventRouting() {}

    /**
     * @param rules the bus's rules (disabled ones and schedule-only ones make nothing)
     * @param pattern the compiled pattern of a rule's pattern text
     */
    public static List<Delivery> route(String accountId, String region, String bus, String eventId, JsonNode event,
                                       List<Rule> rules, Function<String, EventPattern> pattern, Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.enabled() || rule.eventPattern().isEmpty() || rule.targets().isEmpty()) continue;
            if (!pattern.apply(rule.eventPattern()).matches(event)) continue;
            deliveries.addAll(deliveriesOf(rule, eventId, event, now));
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
