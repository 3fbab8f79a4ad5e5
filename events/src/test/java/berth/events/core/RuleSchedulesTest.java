package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When scheduled rules fire, on an injected time: rates count from the rule's anchor, crons in UTC, missed runs collapse. */
class RuleSchedulesTest {
    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:20Z");

    private static Rule rule(String expression, Rule.State state) {
        return new Rule("123456789012", "us-east-1", "default", "r", Rule.arn("123456789012", "us-east-1", "default", "r"), "", "",
                expression, state, "", "", List.of(), CREATED.toEpochMilli(), CREATED.toEpochMilli(), CREATED.toEpochMilli(), Map.of());
    }

    @Test
    void aRateFiresOneIntervalAfterTheRuleWasMadeAndCollapsesMissedRuns() {
        Rule rate = rule("rate(5 minutes)", Rule.State.ENABLED);
        assertThat(RuleSchedules.due(rate, CREATED.plusSeconds(299))).isEmpty();
        assertThat(RuleSchedules.due(rate, CREATED.plusSeconds(300))).contains(CREATED.plusSeconds(300));
        assertThat(RuleSchedules.due(rate, CREATED.plusSeconds(1000))).as("three missed runs are one").contains(CREATED.plusSeconds(900));
        Rule fired = rate.withCursor(CREATED.plusSeconds(900).toEpochMilli());
        assertThat(RuleSchedules.due(fired, CREATED.plusSeconds(1000))).isEmpty();
        assertThat(RuleSchedules.next(fired, CREATED.plusSeconds(3600))).contains(CREATED.plusSeconds(1200));
    }

    @Test
    void aCronFiresOnItsMinutesInUtcAndADisabledRuleNever() {
        Rule cron = rule("cron(0/15 * * * ? *)", Rule.State.ENABLED);
        assertThat(RuleSchedules.next(cron, CREATED.plusSeconds(3600))).contains(Instant.parse("2026-12-07T10:15:00Z"));
        assertThat(RuleSchedules.due(cron, Instant.parse("2026-12-07T10:14:59Z"))).isEmpty();
        assertThat(RuleSchedules.due(cron, Instant.parse("2026-12-07T10:31:00Z"))).contains(Instant.parse("2026-12-07T10:30:00Z"));
        assertThat(RuleSchedules.due(cron.withState(Rule.State.DISABLED), Instant.parse("2026-12-07T10:31:00Z"))).isEmpty();
    }

    @Test
    void aScheduledEventIsTheSameForTheSameOccurrence() {
        Rule cron = rule("cron(0/15 * * * ? *)", Rule.State.ENABLED);
        Instant at = Instant.parse("2026-12-07T10:15:00Z");
        var event = RuleSchedules.event(cron, at);
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("time").asText()).isEqualTo("2026-12-07T10:15:00Z");
        assertThat(event.path("resources").get(0).asText()).isEqualTo(cron.arn());
        assertThat(event.path("detail").isObject()).isTrue();
        assertThat(RuleSchedules.event(cron, at).path("id")).isEqualTo(event.path("id"));
        assertThat(RuleSchedules.event(cron, at.plusSeconds(900)).path("id")).isNotEqualTo(event.path("id"));
    }
}
