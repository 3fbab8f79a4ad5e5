package berth.logs.core.filter;

/**
 * A CloudWatch Logs filter pattern, parsed once and then tested against event messages. Four forms,
 * chosen by the pattern's first character: {@code {…}} tests fields of JSON events,
 * {@code […]} fields of space-delimited events, {@code %…%} is a regular expression, anything else
 * is a list of terms (empty matches every event).
 */
public sealed interface FilterPattern permits TermPattern, JsonPattern, DelimitedPattern, RegexPattern {

    boolean matches(String message);

    /** @throws FilterPatternException when the text is not a pattern CloudWatch Logs would accept */
    static FilterPattern parse(String text) {
        String pattern = text == null ? "" : text.strip();
        if (pattern.startsWith("{")) return JsonPattern.parse(pattern);
        if (pattern.startsWith("[")) return DelimitedPattern.parse(pattern);
        if (pattern.length() >= 2 && pattern.startsWith("%") && pattern.endsWith("%")) {
            return RegexPattern.parse(pattern.substring(1, pattern.length() - 1));
        }
        return TermPattern.parse(pattern);
    }
}
