package berth.sqs.core;

import berth.aws.Scope;

/**
 * A message move task: messages of a dead-letter queue moved back to their source queues (or to
 * {@code destinationArn}) at up to {@code maxPerSecond} a second.
 *
 * @param destinationArn empty when each message goes back to the queue it came from
 * @param maxPerSecond 0 when not given (berth moves up to 500 a second, AWS's ceiling)
 * @param toMove how many messages were visible in the source when the task started
 * @param failureReason why the task FAILED; empty otherwise
 */
public record MoveTask(String accountId, String region, String handle, String sourceArn, String destinationArn,
                       int maxPerSecond, String status, long moved, long toMove, long startedAtMillis, String failureReason) {
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";
    public static final String FAILED = "FAILED";
    public static final int DEFAULT_RATE = 500;

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public int rate() {
        return maxPerSecond == 0 ? DEFAULT_RATE : maxPerSecond;
    }

    public boolean running() {
        return status.equals(RUNNING);
    }

    public MoveTask progressed(long more) {
        return new MoveTask(accountId, region, handle, sourceArn, destinationArn, maxPerSecond, status, moved + more, toMove,
                startedAtMillis, failureReason);
    }

    public MoveTask ended(String newStatus, String reason) {
        return new MoveTask(accountId, region, handle, sourceArn, destinationArn, maxPerSecond, newStatus, moved, toMove,
                startedAtMillis, reason);
    }
}
