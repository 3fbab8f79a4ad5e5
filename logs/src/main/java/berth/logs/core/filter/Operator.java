package berth.logs.core.filter;

/** The comparison operators of JSON and space-delimited filter conditions. */
public enum Operator {
    EQ("="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean ordering() {
        return this == LT || this == GT || this == LE || this == GE;
    }

    /** Reads the operator at {@code at} in {@code text}; null when there is none. */
    static Operator at(String text, int at) {
        if (text.startsWith("!=", at)) return NE;
        if (text.startsWith("<=", at)) return LE;
        if (text.startsWith(">=", at)) return GE;
        if (text.startsWith("=", at)) return EQ;
        if (text.startsWith("<", at)) return LT;
        if (text.startsWith(">", at)) return GT;
        return null;
    }

    boolean holds(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case GT -> comparison > 0;
            case LE -> comparison <= 0;
            case GE -> comparison >= 0;
        };
    }
}
