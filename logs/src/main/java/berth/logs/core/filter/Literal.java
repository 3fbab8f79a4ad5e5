package berth.logs.core.filter;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** The right-hand side of a filter condition. */
public sealed interface Literal {

    /** A bare {@code *}: any value. */
    record Anything() implements Literal {}

    /** A string, quoted or bare; a leading or trailing {@code *} matches any text there. */
    record Text(String value) implements Literal {
        boolean matches(String text) {
            boolean leading = value.startsWith("*");
            boolean trailing = value.length() > 1 && value.endsWith("*");
            String core = value.substring(leading ? 1 : 0, value.length() - (trailing ? 1 : 0));
            if (leading && trailing) return text.contains(core);
            if (leading) return text.endsWith(core);
            if (trailing) return text.startsWith(core);
            return text.equals(value);
        }
    }

    /** A number as written: integer, decimal, or scientific notation, with an optional sign. */
    record Number(BigDecimal value, String text) implements Literal {}

    /** {@code %expression%}. */
    record Regex(Pattern regex) implements Literal {}

    /** A value from an event: its text, and its number when it is one. */
    record Scalar(String text, Optional<BigDecimal> number) {
        static Scalar of(String text) {
            return new Scalar(text, parseNumber(text));
        }
    }

    /** Reads an unquoted literal. */
    static Literal bare(String token) {
        if (token.equals("*")) return new Anything();
        if (token.length() >= 2 && token.startsWith("%") && token.endsWith("%")) {
            return new Regex(RegexPattern.compile(token.substring(1, token.length() - 1)));
        }
        Optional<BigDecimal> number = parseNumber(token);
        if (number.isPresent()) return new Number(number.get(), token);
        return new Text(token);
    }

    static Optional<BigDecimal> parseNumber(String text) {
        if (text.isEmpty() || text.length() > 64) return Optional.empty();
        char first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) return Optional.empty();
        try {
            return Optional.of(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code value op this} holds; an absent value satisfies no condition. */
    static boolean test(Optional<Scalar> value, Operator op, Literal literal) {
        if (value.isEmpty()) return false;
        Scalar scalar = value.get();
        return switch (literal) {
            case Anything any -> op == Operator.EQ;
            case Regex regex -> regex.regex().matcher(scalar.text()).find() == (op == Operator.EQ);
            case Number number -> scalar.number().isPresent()
                    ? op.holds(scalar.number().get().compareTo(number.value()))
                    : !op.ordering() && (scalar.text().equals(number.text()) == (op == Operator.EQ));
            case Text text -> text.matches(scalar.text()) == (op == Operator.EQ);
        };
    }
}
