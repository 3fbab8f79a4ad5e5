package berth.iam.api;

import java.util.regex.Pattern;

/** IAM's patterns for entity names and paths, checked with the validation error AWS gives. */
final class IamNames {
    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PATH = Pattern.compile(PATH_PATTERN);

    private IamNames() {}

    /** Checks a name ({@code roleName}, {@code userName}, …) against IAM's name pattern. */
    static String requireName(String value, String member) {
        return requirePattern(value, NAME, NAME_PATTERN, member);
    }

    /** Checks a path against IAM's path pattern; {@code /} when absent. */
    static String requirePath(String value, String member) {
        return value == null ? "/" : requirePattern(value, PATH, PATH_PATTERN, member);
    }

    static String requirePattern(String value, Pattern pattern, String patternText, String member) {
        if (!pattern.matcher(value).matches()) {
            throw IamErrors.validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patternText);
        }
        return value;
    }
}
