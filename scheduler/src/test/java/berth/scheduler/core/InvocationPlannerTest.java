package berth.scheduler.core;

import berth.aws.delivery.DeliveryRetries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler's pure decisions, each at an instant the test chooses. */
class InvocationPlannerTest {
    private static final Instant CREATED = Instant.parse("2030-03-01T09:00:10Z");
    private static final Target TARGET = new Target(Target.Kind.SQS_SEND_MESSAGE, "arn:aws:sqs:us-east-1:123456789012:q",
            "arn:aws:iam::123456789012:role/r", "{}", 600, 3, "", "", "", "{}");

    private static Schedule schedule(String expression, String zone, long start, long end, int window, String after) {
        return new Schedule("123456789012", "us-east-1", "default", "s", "arn:aws:scheduler:us-east-1:123456789012:schedule/default/s",
                "", expression, zone, start, end, Schedule.State.ENABLED, window, after, "", TARGET,
                start != 0 ? start : CREATED.toEpochMilli(), CREATED.toEpochMilli() - 1, CREATED.toEpochMilli(),
                CREATED.toEpochMilli(), "");
    }

    @Test
    void rateWithoutStartDateFiresAtCreationThenEveryPeriod() {
        Schedule s = schedule("rate(1 hour)", "UTC", 0, 0, 0, "NONE");

        Optional<InvocationPlanner.Firing> first = InvocationPlanner.due(s, CREATED);
        Schedule after = s.withCursor(first.orElseThrow().scheduled().toEpochMilli());

        assertThat(first.get().scheduled()).isEqualTo(CREATED);
        assertThat(InvocationPlanner.due(after, CREATED.plusSeconds(3599))).isEmpty();
        assertThat(InvocationPlanner.due(after, CREATED.plusSeconds(3600)).orElseThrow().scheduled())
                .isEqualTo(CREATED.plusSeconds(3600));
    }

    @Test
    void rateCountsFromItsStartDateAndMissedOccurrencesCollapse() {
        Instant start = CREATED.plusSeconds(5);
        Schedule s = schedule("rate(1 minute)", "UTC", start.toEpochMilli(), 0, 0, "NONE");

        assertThat(InvocationPlanner.due(s, start.minusMillis(1))).isEmpty();
        assertThat(InvocationPlanner.due(s, start).orElseThrow().scheduled()).isEqualTo(start);
        assertThat(InvocationPlanner.due(s, start.plusSeconds(3 * 60 + 7)).orElseThrow().scheduled())
                .isEqualTo(start.plusSeconds(180));
    }

    @Test
    void cronIsReadInItsTimeZoneAndEndDateMakesTheLastOccurrence() {
        Instant end = Instant.parse("2030-03-03T08:30:00Z");
        Schedule s = schedule("cron(0 9 * * ? *)", "Europe/Paris", 0, end.toEpochMilli(), 0, "DELETE");

        InvocationPlanner.Firing first = InvocationPlanner.due(s, Instant.parse("2030-03-02T08:00:30Z")).orElseThrow();
        InvocationPlanner.Firing second = InvocationPlanner.due(s.withCursor(first.scheduled().toEpochMilli()),
                Instant.parse("2030-03-03T09:00:00Z")).orElseThrow();

        assertThat(first.scheduled()).isEqualTo(Instant.parse("2030-03-02T08:00:00Z"));
        assertThat(first.last()).isFalse();
        assertThat(second.scheduled()).isEqualTo(Instant.parse("2030-03-03T08:00:00Z"));
        assertThat(second.last()).isTrue();
        assertThat(InvocationPlanner.completed(s, end.plusSeconds(1))).isTrue();
        assertThat(InvocationPlanner.completed(s, end)).isFalse();
    }

    @Test
    void nextDueIsTheNextOccurrenceWithinTheLimit() {
        Instant start = CREATED.plusSeconds(5);
        Schedule s = schedule("rate(1 minute)", "UTC", start.toEpochMilli(), 0, 0, "NONE");

        assertThat(InvocationPlanner.nextDue(s, CREATED.plusSeconds(10))).contains(start);
        assertThat(InvocationPlanner.nextDue(s, CREATED.plusSeconds(4))).isEmpty();
        assertThat(InvocationPlanner.nextDue(s.withCursor(start.toEpochMilli()), start.plusSeconds(60))).contains(start.plusSeconds(60));
    }

    @Test
    void atFiresOnceIgnoringStartAndEndDates() {
        Schedule s = schedule("at(2030-03-01T10:00:00)", "America/New_York", CREATED.plusSeconds(86_400 * 30).toEpochMilli(),
                0, 0, "DELETE");
        Instant local = Instant.parse("2030-03-01T15:00:00Z");

        InvocationPlanner.Firing firing = InvocationPlanner.due(s, local).orElseThrow();

        assertThat(InvocationPlanner.due(s, local.minusSeconds(1))).isEmpty();
        assertThat(firing.scheduled()).isEqualTo(local);
        assertThat(firing.last()).isTrue();
        assertThat(InvocationPlanner.due(s.withCursor(local.toEpochMilli()), local.plusSeconds(600))).isEmpty();
    }

    @Test
    void disabledSchedulesAreNeverDue() {
        Schedule s = schedule("rate(1 minute)", "UTC", 0, 0, 0, "NONE");
        Schedule disabled = new Schedule(s.accountId(), s.region(), s.group(), s.name(), s.arn(), "", s.expression(), s.timezone(),
                0, 0, Schedule.State.DISABLED, 0, "NONE", "", TARGET, s.anchorMillis(), s.cursorMillis(), 0, 0, "");

        assertThat(InvocationPlanner.due(disabled, CREATED.plusSeconds(600))).isEmpty();
    }

    @Test
    void flexibleWindowOffsetIsStableWithinTheWindowAndSpread() {
        Schedule s = schedule("rate(1 hour)", "UTC", 0, 0, 15, "NONE");
        InvocationPlanner.Firing firing = InvocationPlanner.due(s, CREATED).orElseThrow();
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            long offset = InvocationPlanner.flexibleOffsetMillis("arn:schedule/" + i, CREATED.toEpochMilli(), 15);
            assertThat(offset).isBetween(0L, 15 * 60_000L - 1);
            offsets.add(offset / 60_000);
        }

        assertThat(firing.due()).isEqualTo(InvocationPlanner.due(s, CREATED).orElseThrow().due());
        assertThat(firing.due()).isBetween(CREATED, CREATED.plusSeconds(15 * 60 - 1));
        assertThat(offsets.size()).isGreaterThan(8);
        assertThat(InvocationPlanner.flexibleOffsetMillis("a", 1, 0)).isZero();
    }

    @Test
    void failuresRetryWithBackoffUntilThePolicyGivesUp() {
        Invocation fresh = new Invocation("123456789012", "us-east-1", "default", "s", "arn", "id", 0, 0, 0, 0, TARGET, "", "");
        Instant now = Instant.ofEpochMilli(1_000);

        DeliveryRetries.AfterFailure first = InvocationPlanner.afterFailure(fresh, true, now);
        Invocation twice = fresh.failed("X", "x", 0).failed("X", "x", 0);
        DeliveryRetries.AfterFailure third = InvocationPlanner.afterFailure(twice, true, now);
        DeliveryRetries.AfterFailure exhausted = InvocationPlanner.afterFailure(twice.failed("X", "x", 0), true, now);

        assertThat(first).isEqualTo(new DeliveryRetries.Retry(now.plusSeconds(1)));
        assertThat(third).isEqualTo(new DeliveryRetries.Retry(now.plusSeconds(4)));
        assertThat(exhausted).isEqualTo(new DeliveryRetries.GiveUp("MaximumRetryAttempts"));
        assertThat(InvocationPlanner.afterFailure(fresh, true, Instant.ofEpochSecond(600)))
                .isEqualTo(new DeliveryRetries.GiveUp("MaximumEventAgeInSeconds"));
        assertThat(InvocationPlanner.afterFailure(fresh, false, now)).isEqualTo(new DeliveryRetries.GiveUp("NonRetryableError"));
    }
}
