package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * A condition on one value of a field that every value passing a pattern's test meets, so an index
 * can look candidates up by it (a hash, a prefix or suffix of a given length, a numeric interval)
 * and verify them with the whole pattern. {@link Present} says only that the field has a value.
 */
sealed interface Anchor {
    /** An exact string. */
    record Text(String value) implements Anchor {}

    /** An exact number, boolean or null, by {@link #scalarKey}. */
    record Scalar(String key) implements Anchor {}

    /** Strings starting with {@code text}; {@code caseless} compares lower-cased (Locale.ROOT) values. */
    record Prefix(String text, boolean caseless) implements Anchor {}

    /** Strings ending with {@code text}; {@code caseless} compares lower-cased (Locale.ROOT) values. */
    record Suffix(String text, boolean caseless) implements Anchor {}

    /** Numbers whose double value lies in [low, high] (rounding is monotonic, so this never misses). */
    record Range(double low, double high) implements Anchor {}

    /** Any value at all. */
    record Present() implements Anchor {}

    Present PRESENT = new Present();
    Range ANY_RANGE = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** What rules sharing this anchor are counted by: ranges and presence by path alone. */
    default Anchor shareKey() {
        return this instanceof Range ? ANY_RANGE : this;
    }

    /** Relative cost of one rule behind this anchor: ranges and presence let more events through. */
    default double weight() {
        return switch (this) {
            case Text t -> 1;
            case Scalar s -> 1;
            case Prefix p -> 1.5;
            case Suffix s -> 1.5;
            case Range r -> 2;
            case Present p -> 8;
        };
    }

    /**
     * A number, boolean or null as a key equal for equal values (5 and 5.0 alike; a literal too large
     * for a double by its infinity); null for other values.
     */
    static String scalarKey(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal number = decimal(value);
            return number == null ? "d" + value.doubleValue() : "n" + number.stripTrailingZeros();
        }
        if (value.isBoolean()) return value.booleanValue() ? "t" : "f";
        if (value.isNull()) return "z";
        return null;
    }

    /** A JSON number's exact value; null for the infinities a huge double literal parses to. */
    static BigDecimal decimal(JsonNode value) {
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) return null;
        return value.decimalValue();
    }
}
