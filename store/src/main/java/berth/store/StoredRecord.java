package berth.store;

/** One record as stored: its address, version and value. {@code deleted} only appears in changes. */
public record StoredRecord(String kind, String key, long version, byte[] value, boolean deleted) {
    public StoredRecord {
        if (kind == null || kind.isEmpty()) throw new IllegalArgumentException("kind is required");
        if (key == null) throw new IllegalArgumentException("key is required");
        if (value == null) value = new byte[0];
    }

    public static StoredRecord live(String kind, String key, long version, byte[] value) {
        return new StoredRecord(kind, key, version, value, false);
    }
}
