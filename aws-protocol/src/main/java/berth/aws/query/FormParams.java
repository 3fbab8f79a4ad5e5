package berth.aws.query;

import berth.aws.wire.PercentEncoding;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters of a Query request, from the query string and a form-encoded body, decoded and
 * sorted so that all keys under a prefix ({@code Tags.member.}) are found together. The first
 * occurrence of a key wins.
 */
final class FormParams {
    private final TreeMap<String, String> values = new TreeMap<>();

    /** Parses {@code application/x-www-form-urlencoded} text; throws {@link PercentEncoding.MalformedEncodingException}. */
    void addAll(String encoded) {
        for (Map.Entry<String, String> pair : PercentEncoding.parsePairs(encoded, true)) {
            values.putIfAbsent(pair.getKey(), pair.getValue());
        }
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean hasKeysUnder(String prefix) {
        return !under(prefix).isEmpty();
    }

    /** The distinct numeric indexes directly under a prefix: {@code A.member.} → 1, 2 for {@code A.member.1.X}, {@code A.member.2}. */
    TreeSet<Integer> indexesUnder(String prefix) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : under(prefix).keySet()) {
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            try {
                indexes.add(Integer.parseInt(index));
            } catch (NumberFormatException e) {
                // a key that is not an index under this prefix belongs to nothing berth reads
            }
        }
        return indexes;
    }

    private SortedMap<String, String> under(String prefix) {
        return values.subMap(prefix, prefix + Character.MAX_VALUE);
    }
}
