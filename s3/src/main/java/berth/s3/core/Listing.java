package berth.s3.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing over keys in S3's order (UTF-8 byte order): keys after {@code after} with
 * {@code prefix}, those with the delimiter past the prefix rolled up into common prefixes, at most
 * {@code max} entries and prefixes together.
 *
 * @param <T> what is listed per key (an object's current version, or its versions)
 */
public final class Listing {
    private Listing() {}

    /** A page: the entries and common prefixes, in order, and whether more follow (and after what). */
    public record Page<T>(List<T> entries, List<String> commonPrefixes, boolean truncated, String lastKey) {}

    /**
     * @param keys every key with the prefix, in order
     * @param present what the key contributes (empty: skip it, e.g. a delete marker in a plain listing)
     * @param after list keys and prefixes strictly after this; empty for the start
     */
    public static <T> Page<T> page(List<String> keys, Function<String, Optional<T>> present, String prefix, String delimiter,
                                   String after, int max) {
        List<T> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = "";
        int start = firstAfter(keys, after);
        for (int i = start; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!key.startsWith(prefix)) continue;
            String common = commonPrefix(key, prefix, delimiter);
            if (common != null) {
                if (!after.isEmpty() && after.compareTo(common) >= 0 && after.startsWith(common)) continue;
                if (!prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(common)) continue;
                if (entries.size() + prefixes.size() >= max) return new Page<>(entries, prefixes, true, last);
                prefixes.add(common);
                last = common;
                continue;
            }
            Optional<T> value = present.apply(key);
            if (value.isEmpty()) continue;
            if (entries.size() + prefixes.size() >= max) return new Page<>(entries, prefixes, true, last);
            entries.add(value.get());
            last = key;
        }
        return new Page<>(entries, prefixes, false, last);
    }

    /** The common prefix a key rolls up into, or null when it is listed itself. */
    static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty()) return null;
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static int firstAfter(List<String> keys, String after) {
        if (after.isEmpty()) return 0;
        int low = 0;
        int high = keys.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(keys.get(mid), after) <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /** S3's key order: by UTF-8 bytes, which is code point order. */
    public static int compare(String a, String b) {
        return a.compareTo(b) == 0 ? 0 : codePointCompare(a, b);
    }

    private static int codePointCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
