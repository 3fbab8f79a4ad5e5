package berth.cloudwatch.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric: namespace, name and dimensions (a metric is identified by all three; dimension order
 * does not matter). {@link #key()} names it in store keys.
 */
public record MetricId(String namespace, String name, Map<String, String> dimensions) {
    public MetricId {
        dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    /** A fixed-length name of the metric for store keys: hex of SHA-256 of its parts. */
    public String key() {
        StringBuilder text = new StringBuilder(namespace).append('\u0000').append(name);
        dimensions.forEach((k, v) -> text.append('\u0000').append(k).append('\u0001').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this metric has every dimension of {@code filter} (a null value matches any value). */
    public boolean hasDimensions(Map<String, String> filter) {
        for (Map.Entry<String, String> e : filter.entrySet()) {
            String value = dimensions.get(e.getKey());
            if (value == null || (e.getValue() != null && !e.getValue().equals(value))) {
                return false;
            }
        }
        return true;
    }
}
