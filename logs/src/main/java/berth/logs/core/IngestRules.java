package berth.logs.core;

/**
 * What PutLogEvents accepts of a batch. A batch breaking a batch rule (size, order, span) is refused
 * whole with AWS's message; events too old, too new or already expired are rejected individually and
 * reported by index, the rest stored.
 */
public final class IngestRules {
    public static final int MAX_BATCH_BYTES = 1_048_576;
    public static final int EVENT_OVERHEAD_BYTES = 26;
    public static final int MAX_EVENT_BYTES = 1_048_576;
    public static final long MAX_SPAN_MILLIS = 24L * 3600 * 1000;
    public static final long TOO_OLD_MILLIS = 14L * 24 * 3600 * 1000;
    public static final long TOO_NEW_MILLIS = 2L * 3600 * 1000;

    private IngestRules() {}

    /** The outcome for one batch. */
    public sealed interface Verdict permits Refused, Admitted {}

    /** The whole batch is refused: InvalidParameterException with {@code message}. */
    public record Refused(String message) implements Verdict {}

    /**
     * Events {@code [from, to)} are stored.
     *
     * @param tooNewStart index of the first event more than 2 hours in the future, or -1
     * @param tooOldEnd one past the last event older than 14 days, or -1
     * @param expiredEnd one past the last event older than the group's retention, or -1
     */
    public record Admitted(int from, int to, int tooNewStart, int tooOldEnd, int expiredEnd) implements Verdict {
        public boolean anyRejected() {
            return tooNewStart >= 0 || tooOldEnd >= 0 || expiredEnd >= 0;
        }
    }

    /**
     * @param timestamps event timestamps in request order, epoch millis
     * @param messageBytes UTF-8 sizes of the messages, same order
     * @param retentionInDays the group's retention, 0 for none
     */
    public static Verdict judge(long[] timestamps, int[] messageBytes, long nowMillis, int retentionInDays) {
        int n = timestamps.length;
        long batchBytes = 0;
        for (int i = 0; i < n; i++) {
            if (messageBytes[i] > MAX_EVENT_BYTES) {
                return new Refused("Log event too large: " + messageBytes[i] + " bytes exceeds limit of " + MAX_EVENT_BYTES);
            }
            batchBytes += messageBytes[i] + EVENT_OVERHEAD_BYTES;
        }
        if (batchBytes > MAX_BATCH_BYTES) {
            return new Refused("Upload too large: " + batchBytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < n; i++) {
            if (timestamps[i] < timestamps[i - 1]) {
                return new Refused("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (n > 0 && timestamps[n - 1] - timestamps[0] > MAX_SPAN_MILLIS) {
            return new Refused("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        long tooOldBefore = nowMillis - TOO_OLD_MILLIS;
        long tooNewAfter = nowMillis + TOO_NEW_MILLIS;
        long expiredBefore = Retention.cutoff(retentionInDays, nowMillis);
        int tooOldEnd = -1;
        int expiredEnd = -1;
        int tooNewStart = -1;
        for (int i = 0; i < n; i++) {
            long ts = timestamps[i];
            if (ts < tooOldBefore) tooOldEnd = i + 1;
            if (retentionInDays > 0 && ts < expiredBefore) expiredEnd = i + 1;
            if (ts > tooNewAfter && tooNewStart < 0) tooNewStart = i;
        }
        int from = Math.max(0, Math.max(tooOldEnd, expiredEnd));
        int to = tooNewStart < 0 ? n : tooNewStart;
        return new Admitted(from, Math.max(from, to), tooNewStart, tooOldEnd, expiredEnd);
    }
}
