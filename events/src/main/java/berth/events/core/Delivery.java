package berth.events.core;

/**
 * One matched event on its way to one target, committed before it is attempted (kind
 * {@code events.delivery}, key {@code account/region/<event id>/<bus>/<rule>/<target id>}): the same
 * event, rule and target always have the same key, so an event ingested twice is delivered once.
 *
 * @param event the event as the bus received it (JSON)
 * @param payload what the target is given: the shaped input, or the event itself
 * @param firstMillis when the event was matched: the start of its retry policy's event age
 * @param attempts attempts made so far
 */
public record Delivery(String accountId, String region, String eventId, String ruleArn, String ruleName, String bus,
                       Target target, String event, String payload, long firstMillis, int attempts,
                       long nextAttemptMillis, String lastErrorCode, String lastErrorMessage) {

    public Delivery failed(String code, String message, long retryAtMillis) {
        return new Delivery(accountId, region, eventId, ruleArn, ruleName, bus, target, event, payload, firstMillis,
                attempts + 1, retryAtMillis, code, message);
    }
}
