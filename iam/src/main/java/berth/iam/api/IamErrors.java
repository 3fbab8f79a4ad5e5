package berth.iam.api;

import berth.aws.AwsException;
import berth.aws.AwsValidationException;
import berth.aws.Protocol;

import java.util.regex.Pattern;

/** IAM's and STS's errors, with their codes, statuses and messages. */
final class IamErrors {
    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PATH = Pattern.compile(PATH_PATTERN);

    private IamErrors() {}

    static AwsException noSuchEntity(String message) {
        return new AwsException(404, "NoSuchEntity", message);
    }

    static AwsException alreadyExists(String message) {
        return new AwsException(409, "EntityAlreadyExists", message);
    }

    static AwsException deleteConflict(String message) {
        return new AwsException(409, "DeleteConflict", message);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException(409, "LimitExceeded", message);
    }

    static AwsException malformedPolicy(String message) {
        return new AwsException(400, "MalformedPolicyDocument", message);
    }

    static AwsException invalidInput(String message) {
        return new AwsException(400, "InvalidInput", message);
    }

    static AwsException validation(String message) {
        return new AwsValidationException(message);
    }

    /** The access-denied error of a protocol: Query {@code AccessDenied} (403), JSON {@code AccessDeniedException} (400). */
    static AwsException accessDenied(Protocol protocol, String message) {
        return switch (protocol) {
            case QUERY -> new AwsException(403, "AccessDenied", message);
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsException(400, "AccessDeniedException", message);
            case REST_JSON -> new AwsException(403, "AccessDeniedException", message);
        };
    }

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
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patternText);
        }
        return value;
    }
}
