package berth.events.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * When a rule's schedule expression fires, pure: rates count from the rule's anchor (its creation
 * or its last change of expression), crons in UTC, as EventBridge rules run them. Occurrences missed
 * while berth was down collapse into the latest one.
 */
public final class RuleSchedules {
    private RuleSchedules() {}

    /** The latest occurrence after the rule's cursor and at or before {@code now}; empty when none or the rule is disabled. */
    public static Optional<Instant> due(Rule rule, Instant now) {
        if (rule.scheduleExpression().isEmpty() || !rule.enabled()) return Optional.empty();
        return berth.aws.text.Schedule.parse(rule.scheduleExpression()).latestOccurrence(Instant.ofEpochMilli(rule.cursorMillis()),
                now, ZoneOffset.UTC, Instant.ofEpochMilli(rule.anchorMillis()));
    }

    /** The next occurrence after the cursor, if no later than {@code limit}: the loop's next wake-up. */
    public static Optional<Instant> next(Rule rule, Instant limit) {
        if (rule.scheduleExpression().isEmpty() || !rule.enabled()) return Optional.empty();
        return berth.aws.text.Schedule.parse(rule.scheduleExpression()).nextOccurrence(Instant.ofEpochMilli(rule.cursorMillis()),
                limit, ZoneOffset.UTC, Instant.ofEpochMilli(rule.anchorMillis()));
    }

    /**
     * The "Scheduled Event" of an occurrence; its id is the same for the same rule and occurrence, so
     * committing it twice makes its deliveries once.
     */
    public static ObjectNode event(Rule rule, Instant occurrence) {
        String id = UUID.nameUUIDFromBytes((rule.arn() + "@" + occurrence.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString();
        return EventEnvelope.of(id, "Scheduled Event", "aws.events", rule.accountId(), occurrence, rule.region(),
                List.of(rule.arn()), JsonNodeFactory.instance.objectNode());
    }
}
