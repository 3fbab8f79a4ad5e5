package berth.iam.core;

import java.util.List;
import java.util.Optional;

/**
 * Expands policy variables ({@code ${aws:username}}, and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}}) in a resource or condition value of a {@code 2012-10-17} policy. A variable whose key
 * the request does not have, or has several values of, leaves the value unusable: the element
 * then matches nothing, as in IAM. A {@code ${key, 'default'}} form supplies a default.
 */
final class PolicyVariables {
    private PolicyVariables() {}

    /** The value with its variables replaced; empty when a variable cannot be resolved. */
    static Optional<String> expand(String value, RequestContextKeys context) {
        int start = value.indexOf("${");
        if (start < 0) {
            return Optional.of(value);
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        int position = 0;
        while (start >= 0) {
            int end = value.indexOf('}', start);
            if (end < 0) {
                break;
            }
            out.append(value, position, start);
            Optional<String> replacement = resolve(value.substring(start + 2, end).trim(), context);
            if (replacement.isEmpty()) {
                return Optional.empty();
            }
            out.append(replacement.get());
            position = end + 1;
            start = value.indexOf("${", position);
        }
        out.append(value, position, value.length());
        return Optional.of(out.toString());
    }

    private static Optional<String> resolve(String variable, RequestContextKeys context) {
        switch (variable) {
            case "*", "?", "$" -> {
                return Optional.of(variable);
            }
            default -> { }
        }
        String key = variable;
        Optional<String> fallback = Optional.empty();
        int comma = variable.indexOf(',');
        if (comma > 0) {
            key = variable.substring(0, comma).trim();
            String rawDefault = variable.substring(comma + 1).trim();
            if (rawDefault.length() >= 2 && rawDefault.startsWith("'") && rawDefault.endsWith("'")) {
                fallback = Optional.of(rawDefault.substring(1, rawDefault.length() - 1));
            }
        }
        List<String> values = context.values(key);
        return values.size() == 1 ? Optional.of(values.get(0)) : fallback;
    }
}
