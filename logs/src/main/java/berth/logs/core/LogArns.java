package berth.logs.core;

import berth.aws.Scope;
import java.util.Optional;

/** ARNs of log groups: {@code arn:aws:logs:region:account:log-group:NAME}, optionally followed by {@code :*}. */
public final class LogArns {
    private LogArns() {}

    public static String logGroup(Scope scope, String name) {
        return scope.arn("logs", "log-group:" + name);
    }

    /** A log group named by an ARN, with or without the trailing {@code :*}. */
    public record GroupRef(Scope scope, String name) {}

    /** Parses a log group ARN; empty when the text is not one. */
    public static Optional<GroupRef> parseGroup(String text) {
        if (text == null || !text.startsWith("arn:")) return Optional.empty();
        String[] parts = text.split(":", 7);
        if (parts.length < 7 || !parts[2].equals("logs") || !parts[5].equals("log-group")) return Optional.empty();
        String name = parts[6];
        if (name.endsWith(":*")) name = name.substring(0, name.length() - 2);
        if (name.isEmpty() || name.contains(":")) return Optional.empty();
        return Optional.of(new GroupRef(new Scope(parts[4], parts[3]), name));
    }
}
