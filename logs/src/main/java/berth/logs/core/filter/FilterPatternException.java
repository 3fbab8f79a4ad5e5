package berth.logs.core.filter;

/** A filter pattern that cannot be parsed; the message says where, in words fit for the caller. */
public final class FilterPatternException extends RuntimeException {
    public FilterPatternException(String message) {
        super(message, null, false, false);
    }
}
