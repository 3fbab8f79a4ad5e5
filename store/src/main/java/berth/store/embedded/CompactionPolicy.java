package berth.store.embedded;

/**
 * When the embedded store rewrites its log as a snapshot: once the log holds at least
 * {@code minLogBytes} and is more than {@code maxLogToLiveRatio} times the size of the live records,
 * so the log stays within a constant factor of the live data without compacting a small store
 * over and over.
 */
public record CompactionPolicy(long minLogBytes, double maxLogToLiveRatio) {
    public static final CompactionPolicy DEFAULT = new CompactionPolicy(16L << 20, 4.0);

    public CompactionPolicy {
        if (minLogBytes < 0) throw new IllegalArgumentException("minLogBytes must not be negative");
        if (!(maxLogToLiveRatio >= 1.0)) throw new IllegalArgumentException("maxLogToLiveRatio must be at least 1");
    }

    public boolean due(long logBytes, long liveBytes) {
        return logBytes >= minLogBytes && logBytes > maxLogToLiveRatio * liveBytes;
    }
}
