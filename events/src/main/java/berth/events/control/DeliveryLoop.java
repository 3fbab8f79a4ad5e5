package berth.events.control;

import berth.events.core.Delivery;
import berth.events.core.EventRouting;
import berth.events.core.Rule;
import berth.events.core.RuleCounts;
import berth.events.core.RuleSchedules;
import berth.events.state.EventsRecords;
import berth.aws.delivery.DeliveryRetries;
import berth.platform.RecordTable.Versioned;
import berth.store.VersionConflict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of EventBridge's delivery, level-triggered: commits each scheduled rule's due occurrence
 * (its deliveries and the rule's advanced cursor in one commit), then attempts every delivery whose
 * time has come, retrying with backoff until the target's retry policy gives up, then sending the
 * dead-letter message. A delivery is removed only after its target took it or it was given up, so a
 * restart resumes it.
 */
final class DeliveryLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    static final Duration POLL = Duration.ofMillis(500);

    private final EventsRecords records;
    private final TargetDelivery targets;
    private final Clock clock;
    private final RuleMetrics metrics;

    DeliveryLoop(EventsRecords records, TargetDelivery targets, Clock clock, RuleMetrics metrics) {
        this.records = records;
        this.targets = targets;
        this.clock = clock;
        this.metrics = metrics;
    }

    private void count(Delivery d, RuleCounts.Metric metric) {
        metrics.counts().add(d.accountId(), d.region(), d.bus(), d.ruleName(), metric);
    }

    Instant pass() {
        Instant now = clock.instant();
        Instant next = now.plus(POLL);
        List<Versioned<Rule>> rules = records.allRules();
        for (Versioned<Rule> versioned : rules) {
            fireDue(versioned, now);
        }
        for (Versioned<Delivery> versioned : records.deliveries()) {
            long at = versioned.value().nextAttemptMillis();
            if (at <= now.toEpochMilli()) {
                attempt(versioned, now);
            } else if (at < next.toEpochMilli()) {
                next = Instant.ofEpochMilli(at);
            }
        }
        for (Versioned<Rule> versioned : rules) {
            Optional<Instant> due = RuleSchedules.next(versioned.value(), next);
            if (due.isPresent() && due.get().isBefore(next)) next = due.get();
        }
        Instant flush = metrics.flushIfDue();
        return flush.isBefore(next) ? flush : next;
    }

    private void fireDue(Versioned<Rule> versioned, Instant now) {
        Rule rule = versioned.value();
        Optional<Instant> due = RuleSchedules.due(rule, now);
        if (due.isEmpty()) return;
        ObjectNode event = RuleSchedules.event(rule, due.get());
        List<Delivery> deliveries = EventRouting.deliveriesOf(rule, event.path("id").asText(), event, now);
        try {
            records.commitOccurrence(deliveries, rule.withCursor(due.get().toEpochMilli()), versioned.version());
            metrics.counts().add(rule.accountId(), rule.region(), rule.bus(), rule.name(), RuleCounts.Metric.TriggeredRules);
            LOG.info("rule {} fired for {}: {} deliveries", rule.arn(), due.get(), deliveries.size());
        } catch (VersionConflict e) {
            // changed by an API call or another pass: the next pass re-reads it
        }
    }

    private void attempt(Versioned<Delivery> versioned, Instant now) {
        Delivery delivery = versioned.value();
        Optional<DeliveryRetries.Failure> failure = targets.deliver(delivery);
        count(delivery, RuleCounts.Metric.InvocationAttempts);
        try {
            if (failure.isEmpty()) {
                records.deleteDelivery(delivery, versioned.version());
                count(delivery, RuleCounts.Metric.SuccessfulInvocationAttempts);
                count(delivery, RuleCounts.Metric.Invocations);
                LOG.info("event {} of rule {} delivered to {}", delivery.eventId(), delivery.ruleArn(), delivery.target().arn());
                return;
            }
            DeliveryRetries.Failure f = failure.get();
            DeliveryRetries.AfterFailure after = DeliveryRetries.afterFailure(delivery.attempts(),
                    delivery.target().maximumRetryAttempts(), Instant.ofEpochMilli(delivery.firstMillis()),
                    delivery.target().maximumEventAgeSeconds(), f.retryable(), now);
            Delivery failed = delivery.failed(f.code(), f.message(),
                    after instanceof DeliveryRetries.Retry r ? r.at().toEpochMilli() : now.toEpochMilli());
            switch (after) {
                case DeliveryRetries.Retry retry -> {
                    records.saveDelivery(failed, versioned.version());
                    LOG.info("event {} of rule {} to {} failed ({}: {}); retry at {}", delivery.eventId(), delivery.ruleArn(),
                            delivery.target().arn(), f.code(), f.message(), retry.at());
                }
                case DeliveryRetries.GiveUp giveUp -> {
                    String outcome = "dropped (no dead-letter queue)";
                    boolean deadLettered = false;
                    if (!delivery.target().deadLetterArn().isEmpty()) {
                        Optional<DeliveryRetries.Failure> dlq = targets.deadLetter(failed, giveUp.condition());
                        deadLettered = dlq.isEmpty();
                        outcome = dlq.map(d -> "dead-letter message not sent (" + d.message() + ")")
                                .orElse("dead-letter message sent to " + delivery.target().deadLetterArn());
                    }
                    records.deleteDelivery(delivery, versioned.version());
                    count(delivery, RuleCounts.Metric.Invocations);
                    count(delivery, RuleCounts.Metric.FailedInvocations);
                    if (deadLettered) count(delivery, RuleCounts.Metric.DeadLetterInvocations);
                    LOG.info("event {} of rule {} to {} failed ({}: {}), gave up ({}); {}", delivery.eventId(), delivery.ruleArn(),
                            delivery.target().arn(), f.code(), f.message(), giveUp.condition(), outcome);
                }
            }
        } catch (VersionConflict e) {
            // another pass got there first
        }
    }
}
