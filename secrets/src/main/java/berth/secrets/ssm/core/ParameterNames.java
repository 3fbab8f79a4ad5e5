package berth.secrets.ssm.core;

import berth.aws.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parameter names, hierarchies, ARNs and the {@code name:version} / {@code name:label} selectors. */
public final class ParameterNames {
    public static final int MAX_LEVELS = 15;
    private static final Pattern SEGMENT = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    public static final String NAME_RULES = "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). "
            + "If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a "
            + "mix of letters, numbers and the following 3 symbols .-_";

    private ParameterNames() {}

    /** What is wrong with a name for PutParameter. */
    public sealed interface Problem permits Invalid, NotFullyQualified, TooDeep {}

    public record Invalid(String message) implements Problem {}

    public record NotFullyQualified(String message) implements Problem {}

    public record TooDeep(String message) implements Problem {}

    public static Optional<Problem> problem(String name) {
        if (name.contains("/") && !name.startsWith("/")) {
            return Optional.of(new NotFullyQualified("Parameter name must be a fully qualified name."));
        }
        String body = name.startsWith("/") ? name.substring(1) : name;
        String lower = body.toLowerCase(Locale.ROOT);
        if (body.isEmpty() || lower.startsWith("aws") || lower.startsWith("ssm")) return Optional.of(new Invalid(NAME_RULES));
        String[] segments = body.split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) return Optional.of(new Invalid(NAME_RULES));
        }
        if (segments.length > MAX_LEVELS) {
            return Optional.of(new TooDeep("A hierarchy can have a maximum of 15 levels. For more information, see "
                    + "Requirements and constraints for parameter names in the AWS Systems Manager User Guide."));
        }
        return Optional.empty();
    }

    /** {@code arn:aws:ssm:region:account:parameter/a/b} (one slash, whether or not the name starts with one). */
    public static String arn(Scope scope, String name) {
        return scope.arn("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /**
     * What a GetParameter name points at: candidate names (an ARN of a one-level name may mean
     * {@code x} or {@code /x}), the scope (account and region), and the selector after {@code :}, if any.
     *
     * @param selector empty, a version number, or a label
     */
    public record Reference(Scope scope, List<String> candidates, String selector) {
        public Optional<Long> versionSelector() {
            if (selector.isEmpty() || !selector.chars().allMatch(Character::isDigit) || selector.length() > 18) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(selector));
        }
    }

    /** Reads a name or ARN with an optional selector, of a caller in {@code scope}; empty for an ARN that names no parameter. */
    public static Optional<Reference> reference(String text, Scope scope) {
        if (!text.startsWith("arn:")) {
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            return Optional.of(new Reference(scope, List.of(name), colon < 0 ? "" : text.substring(colon + 1)));
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("ssm") || !parts[5].startsWith("parameter/")) return Optional.empty();
        String resource = parts[5].substring("parameter".length());
        int colon = resource.indexOf(':');
        String path = colon < 0 ? resource : resource.substring(0, colon);
        String selector = colon < 0 ? "" : resource.substring(colon + 1);
        if (path.length() < 2) return Optional.empty();
        List<String> candidates = path.indexOf('/', 1) > 0 ? List.of(path) : List.of(path.substring(1), path);
        return Optional.of(new Reference(new Scope(parts[4], parts[3]), candidates, selector));
    }

    /** Whether {@code name} lies under {@code path}: directly, or anywhere below when {@code recursive}. */
    public static boolean under(String name, String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!name.startsWith(prefix) || name.length() == prefix.length()) return false;
        return recursive || name.indexOf('/', prefix.length()) < 0;
    }

    /** Whether {@code path} may be given to GetParametersByPath: {@code /} or a fully qualified hierarchy. */
    public static boolean validPath(String path) {
        if (path.equals("/")) return true;
        if (!path.startsWith("/")) return false;
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return problem(trimmed).isEmpty();
    }
}
