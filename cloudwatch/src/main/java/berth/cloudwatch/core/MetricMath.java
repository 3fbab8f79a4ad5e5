package berth.cloudwatch.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * The common metric math expressions over time series: numbers, the ids of other queries,
 * {@code + - * /}, parentheses, and {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX} of several
 * series (period by period) or of one series (to a single value over the whole range, repeated at
 * each of its timestamps, as CloudWatch draws it), and {@code ABS}. A binary operator between two
 * series applies where both have a value; between a series and a number, at every value.
 */
public final class MetricMath {
    /** A series: timestamp → value, in time order. */
    public sealed interface Value {}

    public record Series(TreeMap<Instant, Double> points) implements Value {}

    public record Scalar(double value) implements Value {}

    /** An expression CloudWatch would refuse, with the message to say why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private final String text;
    private final Map<String, Series> inputs;
    private int pos;

    private MetricMath(String text, Map<String, Series> inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    /** Evaluates {@code expression} over the series of the other queries, by id. */
    public static Value evaluate(String expression, Map<String, Series> inputs) {
        MetricMath parser = new MetricMath(expression, inputs);
        Value v = parser.sum();
        parser.skipSpace();
        if (parser.pos != expression.length()) {
            throw new Invalid("Syntax error in expression at position " + (parser.pos + 1) + ".");
        }
        return v;
    }

    /** The ids an expression reads (words that are not function names). */
    public static List<String> references(String expression) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(expression);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < expression.length() && expression.charAt(after) == ' ') after++;
            if (after < expression.length() && expression.charAt(after) == '(') continue;
            ids.add(word);
        }
        return ids;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean eat(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Value sum() {
        Value left = product();
        while (true) {
            if (eat('+')) left = binary(left, product(), Double::sum);
            else if (eat('-')) left = binary(left, product(), (a, b) -> a - b);
            else return left;
        }
    }

    private Value product() {
        Value left = unary();
        while (true) {
            if (eat('*')) left = binary(left, unary(), (a, b) -> a * b);
            else if (eat('/')) left = binary(left, unary(), (a, b) -> a / b);
            else return left;
        }
    }

    private Value unary() {
        if (eat('-')) return binary(new Scalar(0), unary(), (a, b) -> a - b);
        return primary();
    }

    private Value primary() {
        skipSpace();
        if (eat('(')) {
            Value v = sum();
            expect(')');
            return v;
        }
        int start = pos;
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) pos++;
            try {
                return new Scalar(Double.parseDouble(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw new Invalid("Syntax error in expression at position " + (start + 1) + ".");
            }
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        String word = text.substring(start, pos);
        if (word.isEmpty()) {
            throw new Invalid("Syntax error in expression at position " + (start + 1) + ".");
        }
        if (eat('(')) {
            List<Value> args = new ArrayList<>();
            if (eat('[')) {
                do {
                    args.add(sum());
                } while (eat(','));
                expect(']');
            } else {
                args.add(sum());
            }
            expect(')');
            return function(word, args);
        }
        Series s = inputs.get(word);
        if (s == null) {
            throw new Invalid("Unknown metric or expression id: " + word + ".");
        }
        return s;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw new Invalid("Syntax error in expression at position " + (pos + 1) + ": expected '" + c + "'.");
        }
    }

    private static Value function(String name, List<Value> args) {
        DoubleBinaryOperator op = switch (name) {
            case "SUM", "AVG" -> Double::sum;
            case "MIN" -> Math::min;
            case "MAX" -> Math::max;
            case "ABS" -> null;
            default -> throw new Invalid("Unsupported function in expression: " + name + ".");
        };
        if (name.equals("ABS")) {
            if (args.size() != 1) throw new Invalid("ABS takes one argument.");
            return map(args.get(0), Math::abs);
        }
        if (args.size() == 1 && args.get(0) instanceof Series s) {
            Optional<Double> folded = s.points().values().stream().reduce(op::applyAsDouble);
            if (folded.isEmpty()) return new Series(new TreeMap<>());
            double v = name.equals("AVG") ? folded.get() / s.points().size() : folded.get();
            TreeMap<Instant, Double> points = new TreeMap<>();
            s.points().keySet().forEach(t -> points.put(t, v));
            return new Series(points);
        }
        TreeMap<Instant, Double> acc = new TreeMap<>();
        TreeMap<Instant, Integer> n = new TreeMap<>();
        for (Value arg : args) {
            if (!(arg instanceof Series s)) throw new Invalid(name + " of a list takes time series.");
            s.points().forEach((t, v) -> {
                acc.merge(t, v, op::applyAsDouble);
                n.merge(t, 1, Integer::sum);
            });
        }
        if (name.equals("AVG")) acc.replaceAll((t, v) -> v / n.get(t));
        return new Series(acc);
    }

    private static Value map(Value v, java.util.function.DoubleUnaryOperator f) {
        if (v instanceof Scalar s) return new Scalar(f.applyAsDouble(s.value()));
        TreeMap<Instant, Double> points = new TreeMap<>();
        ((Series) v).points().forEach((t, x) -> points.put(t, f.applyAsDouble(x)));
        return new Series(points);
    }

    private static Value binary(Value a, Value b, DoubleBinaryOperator op) {
        if (a instanceof Scalar x && b instanceof Scalar y) return new Scalar(op.applyAsDouble(x.value(), y.value()));
        TreeMap<Instant, Double> points = new TreeMap<>();
        if (a instanceof Series x && b instanceof Series y) {
            x.points().forEach((t, v) -> {
                Double w = y.points().get(t);
                if (w != null) put(points, t, op.applyAsDouble(v, w));
            });
        } else if (a instanceof Series x) {
            double w = ((Scalar) b).value();
            x.points().forEach((t, v) -> put(points, t, op.applyAsDouble(v, w)));
        } else {
            double v = ((Scalar) a).value();
            ((Series) b).points().forEach((t, w) -> put(points, t, op.applyAsDouble(v, w)));
        }
        return new Series(points);
    }

    private static void put(TreeMap<Instant, Double> points, Instant t, double v) {
        if (!Double.isNaN(v) && !Double.isInfinite(v)) points.put(t, v);
    }
}
