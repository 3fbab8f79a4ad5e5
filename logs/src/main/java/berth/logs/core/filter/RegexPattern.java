package berth.logs.core.filter;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code %expression%}: events in which the regular expression finds a match. */
public record RegexPattern(Pattern regex) implements FilterPattern {

    static RegexPattern parse(String body) {
        return new RegexPattern(compile(body));
    }

    /** Compiles the body of a {@code %…%} pattern; the parentheses AWS refuses are refused here too. */
    static Pattern compile(String body) {
        if (body.isEmpty()) throw new FilterPatternException("Invalid regex: the expression between % signs is empty");
        if (body.indexOf('(') >= 0 || body.indexOf(')') >= 0) {
            throw new FilterPatternException("Invalid regex: parentheses are not supported: %" + body + "%");
        }
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw new FilterPatternException("Invalid regex: %" + body + "%");
        }
    }

    @Override
    public boolean matches(String message) {
        return regex.matcher(message).find();
    }
}
