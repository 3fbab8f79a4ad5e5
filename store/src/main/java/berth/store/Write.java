package berth.store;

/**
 * One write in an atomic commit: a put (value non-null) or a delete (value null).
 *
 * <p>Kinds and keys are well-formed Unicode text without NUL characters, at most
 * {@link #MAX_KIND_LENGTH} and {@link #MAX_KEY_LENGTH} chars: every adapter must store them
 * unchanged (PostgreSQL text rejects NUL; change notifications carry the address in a bounded
 * payload).
 */
public record Write(String kind, String key, byte[] value, long expectedVersion) {
    public static final int MAX_KIND_LENGTH = 256;
    public static final int MAX_KEY_LENGTH = 2048;

    public Write {
        if (kind == null || kind.isEmpty()) throw new IllegalArgumentException("kind is required");
        if (key == null) throw new IllegalArgumentException("key is required");
        requireStorableText("kind", kind, MAX_KIND_LENGTH);
        requireStorableText("key", key, MAX_KEY_LENGTH);
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

    private static void requireStorableText(String what, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " chars");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') throw new IllegalArgumentException(what + " contains a NUL character");
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate at index " + i);
            }
        }
    }
}
