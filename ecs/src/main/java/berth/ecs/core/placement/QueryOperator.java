package berth.ecs.core.placement;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators of the cluster query language, each with its symbol and word form. */
enum QueryOperator {
    EQUALS("==", "equals"),
    NOT_EQUALS("!=", "not_equals"),
    GREATER_THAN(">", "greater_than"),
    GREATER_THAN_EQUAL(">=", "greater_than_equal"),
    LESS_THAN("<", "less_than"),
    LESS_THAN_EQUAL("<=", "less_than_equal"),
    EXISTS("", "exists"),
    NOT_EXISTS("!exists", "not_exists"),
    IN("", "in"),
    NOT_IN("!in", "not_in"),
    MATCHES("=~", "matches"),
    NOT_MATCHES("!~", "not_matches");

    /** Symbols tried longest first, so {@code >=} is not read as {@code >}. */
    static final QueryOperator[] BY_SYMBOL = {
        NOT_EXISTS, NOT_IN, EQUALS, NOT_EQUALS, GREATER_THAN_EQUAL, LESS_THAN_EQUAL, MATCHES, NOT_MATCHES,
        GREATER_THAN, LESS_THAN
    };

    final String symbol;
    final String word;

    QueryOperator(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    static Optional<QueryOperator> ofWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (QueryOperator operator : values()) {
            if (operator.word.equals(lower)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** Negative operators hold exactly when their positive counterpart does not (given a value). */
    boolean negative() {
        return this == NOT_EQUALS || this == NOT_IN || this == NOT_MATCHES;
    }

    QueryOperator positive() {
        return switch (this) {
            case NOT_EQUALS -> EQUALS;
            case NOT_IN -> IN;
            case NOT_MATCHES -> MATCHES;
            default -> this;
        };
    }

    boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    boolean takesPattern() {
        return this == MATCHES || this == NOT_MATCHES;
    }

    boolean takesNoArgument() {
        return this == EXISTS || this == NOT_EXISTS;
    }

    String display() {
        return symbol.isEmpty() ? word : symbol;
    }
}
