package berth.scheduler.core;

import berth.aws.delivery.DeliveryRetries;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The scheduler's decisions, pure: which occurrence of a schedule is due now, when within its flexible
 * window it is invoked, whether it is the schedule's last, and what follows a failed attempt.
 */
public final class InvocationPlanner {
    private InvocationPlanner() {}

    /**
     * An occurrence to commit.
     *
     * @param scheduled the occurrence
     * @param due when to attempt it: the occurrence plus the flexible window's offset
     * @param last whether no occurrence follows (an at() schedule, or the next is past the EndDate)
     */
    public record Firing(Instant scheduled, Instant due, boolean last) {}

    /**
     * The latest occurrence after the schedule's cursor and at or before {@code now}, within its start
     * and end dates (at() ignores both, as AWS does); empty when none is due or the schedule is disabled.
     * Occurrences missed while berth was down collapse into the latest one.
     */
    public static Optional<Firing> due(Schedule schedule, Instant now) {
        if (schedule.state() != Schedule.State.ENABLED) {
            return Optional.empty();
        }
        berth.aws.text.Schedule expression = berth.aws.text.Schedule.parse(schedule.expression());
        ZoneId zone = ZoneId.of(schedule.timezone());
        Instant anchor = Instant.ofEpochMilli(schedule.anchorMillis());
        boolean once = expression instanceof berth.aws.text.Schedule.At;
        Instant after = Instant.ofEpochMilli(schedule.cursorMillis());
        Instant limit = now;
        if (!once && schedule.startMillis() > 0 && after.toEpochMilli() < schedule.startMillis()) {
            after = Instant.ofEpochMilli(schedule.startMillis() - 1);
        }
        if (!once && schedule.endMillis() > 0 && limit.toEpochMilli() > schedule.endMillis()) {
            limit = Instant.ofEpochMilli(schedule.endMillis());
        }
        if (limit.isBefore(after)) {
            return Optional.empty();
        }
        Optional<Instant> occurrence = expression.latestOccurrence(after, limit, zone, anchor);
        if (occurrence.isEmpty()) {
            return Optional.empty();
        }
        Instant t = occurrence.get();
        boolean last = once || schedule.endMillis() > 0 && expression.nextOccurrence(t,
                Instant.ofEpochMilli(schedule.endMillis()), zone, anchor).isEmpty();
        Instant dueAt = t.plusMillis(flexibleOffsetMillis(schedule.arn(), t.toEpochMilli(), schedule.windowMinutes()));
        return Optional.of(new Firing(t, dueAt, last));
    }

    /**
     * When the schedule's next occurrence after its cursor falls due (its flexible offset added), if
     * that is no later than {@code limit}: the loop's next wake-up, so an occurrence is not left waiting
     * for a poll.
     */
    public static Optional<Instant> nextDue(Schedule schedule, Instant limit) {
        if (schedule.state() != Schedule.State.ENABLED) {
            return Optional.empty();
        }
        berth.aws.text.Schedule expression = berth.aws.text.Schedule.parse(schedule.expression());
        boolean once = expression instanceof berth.aws.text.Schedule.At;
        Instant after = Instant.ofEpochMilli(!once && schedule.startMillis() > schedule.cursorMillis()
                ? schedule.startMillis() - 1 : schedule.cursorMillis());
        Instant end = !once && schedule.endMillis() > 0 && schedule.endMillis() < limit.toEpochMilli()
                ? Instant.ofEpochMilli(schedule.endMillis()) : limit;
        return expression.nextOccurrence(after, end, ZoneId.of(schedule.timezone()), Instant.ofEpochMilli(schedule.anchorMillis()))
                .map(t -> t.plusMillis(flexibleOffsetMillis(schedule.arn(), t.toEpochMilli(), schedule.windowMinutes())));
    }

    /**
     * Where within a flexible window of {@code windowMinutes} an occurrence is invoked: the same for the
     * same schedule and occurrence (a restart keeps it), spread over the window across schedules and
     * occurrences so that schedules sharing an expression do not all fire at its start.
     */
    public static long flexibleOffsetMillis(String scheduleArn, long scheduledMillis, int windowMinutes) {
        if (windowMinutes <= 0) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update((scheduleArn + "@" + scheduledMillis).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % (windowMinutes * 60_000L);
    }

    /** Whether a schedule with an EndDate has no occurrence left after {@code now}: ActionAfterCompletion DELETE removes it. */
    public static boolean completed(Schedule schedule, Instant now) {
        if (schedule.endMillis() == 0 || now.toEpochMilli() <= schedule.endMillis()) {
            return false;
        }
        berth.aws.text.Schedule expression = berth.aws.text.Schedule.parse(schedule.expression());
        return !(expression instanceof berth.aws.text.Schedule.At);
    }

    /**
     * After attempt number {@code invocation.attempts() + 1} failed: the shared retry policy, its event
     * age counted from the invocation's due time.
     */
    public static DeliveryRetries.AfterFailure afterFailure(Invocation invocation, boolean retryable, Instant now) {
        return DeliveryRetries.afterFailure(invocation.attempts(), invocation.target().maximumRetryAttempts(),
                Instant.ofEpochMilli(invocation.dueMillis()), invocation.target().maximumEventAgeSeconds(), retryable, now);
    }
}
