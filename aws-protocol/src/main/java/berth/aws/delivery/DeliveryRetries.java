package berth.aws.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * The retry policy EventBridge and EventBridge Scheduler share (MaximumRetryAttempts,
 * MaximumEventAgeInSeconds), pure: after a failed attempt, retry with exponential backoff while the
 * attempts and the event's age allow it, else give up (to the dead-letter queue, if any).
 */
public final class DeliveryRetries {
    /** The first retry waits this long; each later one twice the one before, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private DeliveryRetries() {}

    /**
     * Why an attempt to deliver to a target failed; {@code retryable} unless retrying cannot help.
     */
    public record Failure(String code, String message, boolean retryable) {
        /** A target's answer: retried when the target failed (5xx) or throttled, not when it refused (4xx: denied, invalid, missing). */
        public static Failure of(berth.aws.AwsException e) {
            return new Failure(e.code(), e.getMessage(), e.status() >= 500 || e.code().contains("Throttl"));
        }

        /** An error of berth's own while delivering, retried, under the service's internal error code. */
        public static Failure unexpected(String internalCode, RuntimeException e) {
            return new Failure(internalCode, String.valueOf(e.getMessage()), true);
        }

        /** A dead-letter message that could not be sent: nothing retries it. */
        public static Failure notRetried(String code, String message) {
            return new Failure(code, message, false);
        }
    }

    /** The error a delivery meets when the service of its target does not run in this berth (retried). */
    public static berth.aws.AwsException unavailable(String service) {
        return new berth.aws.AwsException(503, "ServiceUnavailable", service + " is not running in this berth.", false);
    }

    /** What follows a failed attempt. */
    public sealed interface AfterFailure {}

    public record Retry(Instant at) implements AfterFailure {}

    /** @param condition AWS's EXHAUSTED_RETRY_CONDITION: {@code MaximumRetryAttempts}, {@code MaximumEventAgeInSeconds} or {@code NonRetryableError} */
    public record GiveUp(String condition) implements AfterFailure {}

    /**
     * @param retriesMade failed attempts before this one (0 after the first attempt failed)
     * @param firstDue when the first attempt was due: the event age counts from there
     */
    public static AfterFailure afterFailure(int retriesMade, int maximumRetryAttempts, Instant firstDue,
                                            int maximumEventAgeSeconds, boolean retryable, Instant now) {
        if (!retryable) {
            return new GiveUp("NonRetryableError");
        }
        if (retriesMade >= maximumRetryAttempts) {
            return new GiveUp("MaximumRetryAttempts");
        }
        Instant retryAt = now.plus(backoff(retriesMade));
        if (retryAt.isAfter(firstDue.plusSeconds(maximumEventAgeSeconds))) {
            return new GiveUp("MaximumEventAgeInSeconds");
        }
        return new Retry(retryAt);
    }

    static Duration backoff(int retriesMade) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(retriesMade, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
