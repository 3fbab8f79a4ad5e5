package berth.store;

/** A compare-and-set write found a different version than it expected. */
public final class VersionConflict extends RuntimeException {
    private final String kind;
    private final String key;
    private final long expected;
    private final long actual;

    public VersionConflict(String kind, String key, long expected, long actual) {
        super("version conflict on " + kind + "/" + key + ": expected " + expected + ", found " + actual);
        this.kind = kind;
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    public String kind() { return kind; }
    public String key() { return key; }
    public long expected() { return expected; }
    /** The version found; {@link Store#ABSENT} when the record does not exist. */
    public long actual() { return actual; }
}
