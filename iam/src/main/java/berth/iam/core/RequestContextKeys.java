package berth.iam.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request ({@code aws:RequestedRegion}, {@code aws:PrincipalArn}, …) and
 * their values. Keys are case-insensitive, as in IAM; values are not. A key with no values is absent.
 */
public final class RequestContextKeys {
    public static final RequestContextKeys EMPTY = new RequestContextKeys(Map.of());

    private final Map<String, List<String>> values;

    private RequestContextKeys(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The values of {@code key}; empty when the request has no such key. */
    public List<String> values(String key) {
        return values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean has(String key) {
        return !values(key).isEmpty();
    }

    /** A copy with {@code key} set to {@code value} (replacing any earlier values). */
    public RequestContextKeys with(String key, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(key.toLowerCase(Locale.ROOT), List.of(value));
        return new RequestContextKeys(Map.copyOf(copy));
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects keys; a later value for the same key replaces the earlier ones. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            values.put(key.toLowerCase(Locale.ROOT), List.of(value));
            return this;
        }

        public Builder putAll(String key, List<String> keyValues) {
            if (!keyValues.isEmpty()) {
                values.put(key.toLowerCase(Locale.ROOT), List.copyOf(keyValues));
            }
            return this;
        }

        public RequestContextKeys build() {
            return new RequestContextKeys(Map.copyOf(values));
        }
    }
}
