package berth.store.embedded;

/**
 * Where a record lives: its kind and key, ordered by Unicode code point (kind first). Code point
 * order is the byte order of UTF-8, so this store lists in the same order as the PostgreSQL
 * adapter's {@code COLLATE "C"} columns; plain {@link String#compareTo} would not (it puts
 * characters above U+FFFF before U+E000..U+FFFF).
 */
record RecordAddress(String kind, String key) implements Comparable<RecordAddress> {

    @Override
    public int compareTo(RecordAddress other) {
        int byKind = compareCodePoints(kind, other.kind);
        return byKind != 0 ? byKind : compareCodePoints(key, other.key);
    }

    static int compareCodePoints(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) return Integer.compare(codePointRank(x), codePointRank(y));
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF, so they rank after U+E000..U+FFFF. */
    private static int codePointRank(char c) {
        if (c < 0xD800) return c;
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
