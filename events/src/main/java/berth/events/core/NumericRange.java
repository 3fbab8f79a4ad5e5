package berth.events.core;

import berth.events.core.EventPattern.InvalidEventPattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@code numeric} test: {@code ["=", x]}, one bound ({@code ">"}, {@code ">="}, {@code "<"},
 * {@code "<="}), or a lower bound followed by an upper one, each within ±5.0e9 as AWS limits them.
 * Event values outside that range match no numeric test. Integers compare as longs, others as decimals.
 */
final class NumericRange implements ValueTest {
    /** The largest magnitude AWS compares numbers at, in patterns and events. */
    static final BigDecimal LIMIT = new BigDecimal("5.0E9");

    private final Bound lower;
    private final Bound upper;

    private NumericRange(Bound lower, Bound upper) {
        this.lower = lower;
        this.upper = upper;
    }

    private record Bound(BigDecimal value, boolean inclusive, boolean integral, long whole) {
        static Bound of(BigDecimal value, boolean inclusive) {
            BigDecimal stripped = value.stripTrailingZeros();
            boolean integral = stripped.scale() <= 0;
            return new Bound(value, inclusive, integral, integral ? stripped.longValueExact() : 0);
        }

        int compareTo(JsonNode number) {
            if (integral && number.isIntegralNumber() && number.canConvertToLong()) {
                return Long.compare(whole, number.longValue());
            }
            return value.compareTo(Anchor.decimal(number));
        }
    }

    static NumericRange parse(JsonNode operand, String path) {
        if (!operand.isArray()) throw new InvalidEventPattern("Value of numeric must be an array. at " + path);
        if (operand.isEmpty() || !operand.get(0).isTextual()) {
            throw new InvalidEventPattern("Invalid member in numeric match: " + (operand.isEmpty() ? "]" : operand.get(0)) + " at " + path);
        }
        String first = operand.get(0).textValue();
        if (!List.of("=", ">", ">=", "<", "<=").contains(first)) {
            throw new InvalidEventPattern("Unrecognized numeric range operator: " + first + " at " + path);
        }
        BigDecimal a = number(operand, 1, first, path);
        return switch (first) {
            case "=" -> {
                single(operand, path);
                yield new NumericRange(Bound.of(a, true), Bound.of(a, true));
            }
            case "<", "<=" -> {
                single(operand, path);
                yield new NumericRange(null, Bound.of(a, first.equals("<=")));
            }
            default -> {
                Bound low = Bound.of(a, first.equals(">="));
                if (operand.size() == 2) yield new NumericRange(low, null);
                JsonNode op = operand.get(2);
                if (!op.isTextual()) throw new InvalidEventPattern("Bad value in numeric range: " + op + " at " + path);
                if (!op.textValue().equals("<") && !op.textValue().equals("<=")) {
                    throw new InvalidEventPattern("Bad numeric range operator: " + op.textValue() + " at " + path);
                }
                BigDecimal b = number(operand, 3, op.textValue(), path);
                if (operand.size() > 4) throw new InvalidEventPattern("Too many terms in numeric range expression at " + path);
                if (b.compareTo(a) <= 0) throw new InvalidEventPattern("Bottom must be less than top at " + path);
                yield new NumericRange(low, Bound.of(b, op.textValue().equals("<=")));
            }
        };
    }

    private static BigDecimal number(JsonNode operand, int at, String operator, String path) {
        if (operand.size() <= at || !operand.get(at).isNumber()) {
            throw new InvalidEventPattern("Value of " + operator + " must be numeric at " + path);
        }
        BigDecimal value = Anchor.decimal(operand.get(at));
        if (value == null || value.abs().compareTo(LIMIT) > 0) {
            throw new InvalidEventPattern("Value of " + operator + " must be between -5.0E9 and 5.0E9 inclusive at " + path);
        }
        return value;
    }

    private static void single(JsonNode operand, String path) {
        if (operand.size() != 2) throw new InvalidEventPattern("Too many elements in numeric expression at " + path);
    }

    @Override
    public boolean test(JsonNode value) {
        if (!value.isNumber()) return false;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long whole = value.longValue();
            if (whole > 5_000_000_000L || whole < -5_000_000_000L) return false;
        } else {
            BigDecimal number = Anchor.decimal(value);
            if (number == null || number.abs().compareTo(LIMIT) > 0) return false;
        }
        if (lower != null) {
            int c = lower.compareTo(value);
            if (c > 0 || (c == 0 && !lower.inclusive())) return false;
        }
        if (upper != null) {
            int c = upper.compareTo(value);
            if (c < 0 || (c == 0 && !upper.inclusive())) return false;
        }
        return true;
    }

    @Override
    public List<Anchor> anchors() {
        return List.of(new Anchor.Range(lower == null ? Double.NEGATIVE_INFINITY : lower.value().doubleValue(),
                upper == null ? Double.POSITIVE_INFINITY : upper.value().doubleValue()));
    }
}
