package berth.agentwire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a field a peer did not send reads as: its empty value, never null. A newer peer's message may
 * hold fields an older one ignores, an older peer's may lack fields a newer one reads; both stay
 * readable within one major version of the protocol.
 */
final class WireValues {
    private WireValues() {}

    static String text(String value) {
        return value == null ? "" : value;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** An unmodifiable copy in the sender's order (environment variables and labels keep theirs). */
    static Map<String, String> map(Map<String, String> values) {
        return values == null || values.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
