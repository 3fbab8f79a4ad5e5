package berth.aws.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** EventBridge Scheduler's counting of occurrences: rate from its anchor (first at the anchor), at and cron in a time zone. */
class ScheduleOccurrencesTest {
    private static final Instant ANCHOR = Instant.parse("2030-01-01T10:00:30Z");

    @Test
    void rateOccursAtItsAnchorAndEveryPeriodAfter() {
        Schedule rate = Schedule.parse("rate(5 minutes)");

        assertThat(rate.latestOccurrence(ANCHOR.minusMillis(1), ANCHOR.minusSeconds(1), ZoneOffset.UTC, ANCHOR)).isEmpty();
        assertThat(rate.latestOccurrence(ANCHOR.minusMillis(1), ANCHOR, ZoneOffset.UTC, ANCHOR)).contains(ANCHOR);
        assertThat(rate.latestOccurrence(ANCHOR, ANCHOR.plusSeconds(299), ZoneOffset.UTC, ANCHOR)).isEmpty();
        assertThat(rate.latestOccurrence(ANCHOR, ANCHOR.plusSeconds(1000), ZoneOffset.UTC, ANCHOR))
                .contains(ANCHOR.plusSeconds(900));
        assertThat(rate.nextOccurrence(ANCHOR.minusSeconds(60), Instant.MAX, ZoneOffset.UTC, ANCHOR)).contains(ANCHOR);
        assertThat(rate.nextOccurrence(ANCHOR, Instant.MAX, ZoneOffset.UTC, ANCHOR)).contains(ANCHOR.plusSeconds(300));
        assertThat(rate.nextOccurrence(ANCHOR, ANCHOR.plusSeconds(299), ZoneOffset.UTC, ANCHOR)).isEmpty();
    }

    @Test
    void atAndCronAreReadInTheirTimeZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Schedule at = Schedule.parse("at(2030-01-01T11:00:00)");
        Schedule cron = Schedule.parse("cron(0 12 * * ? *)");

        assertThat(at.latestOccurrence(Instant.EPOCH, Instant.parse("2030-01-01T10:00:00Z"), berlin, ANCHOR))
                .contains(Instant.parse("2030-01-01T10:00:00Z"));
        assertThat(at.nextOccurrence(Instant.parse("2030-01-01T10:00:00Z"), Instant.MAX, berlin, ANCHOR)).isEmpty();
        assertThat(cron.nextOccurrence(ANCHOR, Instant.MAX, berlin, ANCHOR)).contains(Instant.parse("2030-01-01T11:00:00Z"));
        assertThat(cron.nextOccurrence(ANCHOR, Instant.parse("2030-01-01T10:59:00Z"), berlin, ANCHOR)).isEmpty();
        assertThat(cron.latestOccurrence(ANCHOR, Instant.parse("2030-01-02T11:30:00Z"), berlin, ANCHOR))
                .contains(Instant.parse("2030-01-02T11:00:00Z"));
    }
}
