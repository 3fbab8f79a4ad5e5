package berth.aws.text;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A schedule expression (Application Auto Scaling scheduled actions, EventBridge rules and schedules): {@code at(yyyy-mm-ddThh:mm:ss)}, {@code rate(N unit)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)}, in a time zone. Pure:
 * {@link #lastDue} finds the latest time at or before now it fires.
 */
public sealed interface Schedule {
    record At(LocalDateTime time) implements Schedule {}

    record Rate(Duration every) implements Schedule {}

    record Cron(CronExpression expression) implements Schedule {}

    /** A schedule AWS would refuse (Application Auto Scaling, EventBridge, EventBridge Scheduler), with its message. */
    final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    static Schedule parse(String text) {
        if (text.startsWith("at(") && text.endsWith(")")) {
            try {
                return new At(LocalDateTime.parse(text.substring(3, text.length() - 1)));
            } catch (DateTimeParseException e) {
                throw new Invalid("Unsupported schedule format: " + text);
            }
        }
        if (text.startsWith("rate(") && text.endsWith(")")) {
            String[] parts = text.substring(5, text.length() - 1).strip().split("\\s+");
            if (parts.length != 2 || !parts[0].matches("\\d{1,9}") || Long.parseLong(parts[0]) < 1) {
                throw new Invalid("Unsupported schedule format: " + text);
            }
            long n = Long.parseLong(parts[0]);
            ChronoUnit unit = switch (parts[1]) {
                case "minute", "minutes" -> ChronoUnit.MINUTES;
                case "hour", "hours" -> ChronoUnit.HOURS;
                case "day", "days" -> ChronoUnit.DAYS;
                default -> throw new Invalid("Unsupported schedule format: " + text);
            };
            return new Rate(Duration.of(n, unit));
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            try {
                return new Cron(CronExpression.parse(text.substring(5, text.length() - 1)));
            } catch (IllegalArgumentException e) {
                throw new Invalid("Unsupported schedule format: " + text + " (" + e.getMessage() + ")");
            }
        }
        throw new Invalid("Unsupported schedule format: " + text);
    }

    /**
     * The latest firing time in (after, now], empty when there is none: {@code after} is when the
     * action last ran, or when it was created (for {@code rate}, counting starts at {@code anchor}).
     */
    default Optional<Instant> lastDue(Instant after, Instant now, ZoneId zone, Instant anchor) {
        return switch (this) {
            case At at -> {
                Instant t = at.time().atZone(zone).toInstant();
                yield t.isAfter(after) && !t.isAfter(now) ? Optional.of(t) : Optional.empty();
            }
            case Rate rate -> {
                long every = rate.every().toMillis();
                long since = now.toEpochMilli() - anchor.toEpochMilli();
                if (since < every) {
                    yield Optional.empty();
                }
                Instant t = anchor.plusMillis(since / every * every);
                yield t.isAfter(after) ? Optional.of(t) : Optional.empty();
            }
            case Cron cron -> {
                ZonedDateTime t = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
                ZonedDateTime stop = after.atZone(zone);
                for (int i = 0; i < 366 * 24 * 60 && t.isAfter(stop); i++) {
                    if (cron.expression().matches(t)) {
                        yield Optional.of(t.toInstant());
                    }
                    t = t.minusMinutes(1);
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * EventBridge Scheduler's counting: the latest occurrence in (after, now]. Rate occurrences are
     * {@code anchor + k·every} for k ≥ 0, so the first is at the anchor itself (the StartDate, or the
     * creation when there is none); at and cron occurrences are those of {@link #lastDue}.
     */
    default Optional<Instant> latestOccurrence(Instant after, Instant now, ZoneId zone, Instant anchor) {
        if (this instanceof Rate rate) {
            if (now.isBefore(anchor)) {
                return Optional.empty();
            }
            long every = rate.every().toMillis();
            Instant t = anchor.plusMillis((now.toEpochMilli() - anchor.toEpochMilli()) / every * every);
            return t.isAfter(after) ? Optional.of(t) : Optional.empty();
        }
        return lastDue(after, now, zone, anchor);
    }

    /** The first occurrence after {@code after} and at or before {@code limit}, counted as {@link #latestOccurrence} does. */
    default Optional<Instant> nextOccurrence(Instant after, Instant limit, ZoneId zone, Instant anchor) {
        Optional<Instant> next = switch (this) {
            case At at -> Optional.of(at.time().atZone(zone).toInstant()).filter(t -> t.isAfter(after));
            case Rate rate -> {
                long every = rate.every().toMillis();
                if (after.isBefore(anchor)) {
                    yield Optional.of(anchor);
                }
                yield Optional.of(anchor.plusMillis(((after.toEpochMilli() - anchor.toEpochMilli()) / every + 1) * every));
            }
            case Cron cron -> {
                ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                Instant stop = limit.isBefore(after.plus(Duration.ofDays(366))) ? limit : after.plus(Duration.ofDays(366));
                for (; !t.toInstant().isAfter(stop); t = t.plusMinutes(1)) {
                    if (cron.expression().matches(t)) {
                        yield Optional.of(t.toInstant());
                    }
                }
                yield Optional.empty();
            }
        };
        return next.filter(t -> !t.isAfter(limit));
    }
}
