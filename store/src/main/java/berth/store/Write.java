package berth.store;

/** One write in an atomic commit: a put (value non-null) or a delete (value null). */
public record Write(String kind, String key, byte[] value, long expectedVersion) {
    public Write {
        if (kind == null || kind.isEmpty()) throw new IllegalArgumentException("kind is required");
        if (key == null) throw new IllegalArgumentException("key is required");
        if (expectedVersion < Store.ANY) throw new IllegalArgumentException("bad expectedVersion " + expectedVersion);
    }

    public static Write put(String kind, String key, byte[] value, long expectedVersion) {
        if (value == null) throw new IllegalArgumentException("value is required for a put");
        return new Write(kind, key, value, expectedVersion);
    }

    public static Write delete(String kind, String key, long expectedVersion) {
        return new Write(kind, key, null, expectedVersion);
    }

    public boolean isDelete() {
        return value == null;
    }
}
