package berth.logs.core;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules of log groups and streams, with AWS's wording when one is broken. */
public final class LogNames {
    public static final String GROUP_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
    public static final String STREAM_PATTERN = "[^:*]*";
    private static final Pattern GROUP = Pattern.compile(GROUP_PATTERN);
    private static final Pattern STREAM = Pattern.compile(STREAM_PATTERN);

    private LogNames() {}

    /** Why {@code name} cannot name a log group, as a validation message naming {@code member}; empty when it can. */
    public static Optional<String> groupNameProblem(String member, String name) {
        if (!GROUP.matcher(name).matches()) {
            return Optional.of(patternMessage(member, name, GROUP_PATTERN));
        }
        return Optional.empty();
    }

    /** Why {@code name} cannot name a log stream; empty when it can. */
    public static Optional<String> streamNameProblem(String member, String name) {
        if (!STREAM.matcher(name).matches()) {
            return Optional.of(patternMessage(member, name, STREAM_PATTERN));
        }
        return Optional.empty();
    }

    private static String patternMessage(String member, String value, String pattern) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern;
    }
}
