package berth.secrets.ssm.core;

import berth.aws.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PutParameter's decision: given the parameter as it is (if at all) and the request, the parameter as
 * it becomes, or the error Parameter Store answers with. Types, key ids, tiers and their value size
 * limits, allowed patterns, data types, and the 100 versions a parameter keeps.
 */
public final class ParameterRules {
    public static final String STRING = "String";
    public static final String STRING_LIST = "StringList";
    public static final String SECURE_STRING = "SecureString";
    public static final String STANDARD = "Standard";
    public static final String ADVANCED = "Advanced";
    public static final String INTELLIGENT_TIERING = "Intelligent-Tiering";
    public static final String DEFAULT_KEY_ID = "alias/aws/ssm";
    public static final int STANDARD_MAX_CHARS = 4096;
    public static final int ADVANCED_MAX_CHARS = 8192;
    public static final int MAX_VERSIONS = 100;
    private static final Pattern IMAGE_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

    private ParameterRules() {}

    /**
     * A PutParameter request; absent optional members are empty strings.
     *
     * @param tags tags to set on a new parameter
     * @param hasPolicies whether the request carries parameter policies
     */
    public record Put(String name, String value, String type, boolean overwrite, String keyId, String description,
                      String allowedPattern, String tier, String dataType, List<Parameter.Tag> tags, boolean hasPolicies) {}

    public sealed interface Outcome permits Stored, Refused {}

    public record Stored(Parameter parameter) implements Outcome {}

    /** @param code the error code, e.g. {@code ParameterAlreadyExists}, {@code ValidationException} */
    public record Refused(String code, String message) implements Outcome {}

    /** @param scope where the parameter is (a new one is created there) */
    public static Outcome put(Optional<Parameter> existing, Put put, Scope scope, long nowMillis, String user) {
        if (!put.tags().isEmpty() && put.overwrite()) {
            return validation("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, "
                    + "please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource "
                    + "or RemoveTagsFromResource.");
        }
        if (put.hasPolicies()) return validation("Parameter policies are not supported by berth.");
        if (existing.isPresent() && !put.overwrite()) {
            return new Refused("ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        }
        Optional<ParameterVersion> previous = existing.map(Parameter::latest);
        String type = !put.type().isEmpty() ? put.type() : previous.map(ParameterVersion::type).orElse("");
        if (type.isEmpty()) return validation("A parameter type is required when you create a parameter.");
        if (put.value().isEmpty()) {
            return validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have "
                    + "length greater than or equal to 1");
        }
        String keyId = "";
        if (SECURE_STRING.equals(type)) {
            keyId = !put.keyId().isEmpty() ? put.keyId()
                    : previous.filter(ParameterVersion::secure).map(ParameterVersion::keyId).orElse(DEFAULT_KEY_ID);
        } else if (!put.keyId().isEmpty()) {
            return validation("KeyId is required for SecureString type parameter only.");
        }
        String dataType = !put.dataType().isEmpty() ? put.dataType() : previous.map(ParameterVersion::dataType).orElse("text");
        if (!dataType.equals("text") && !dataType.equals("aws:ec2:image")) {
            return validation("The following data type is not supported: " + dataType + " (Data type names are all lowercase.)");
        }
        if (dataType.equals("aws:ec2:image") && !IMAGE_ID.matcher(put.value()).matches()) {
            return validation("Parameter value " + put.value() + " is not a valid image ID for data type aws:ec2:image.");
        }
        if (!put.allowedPattern().isEmpty()) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(put.allowedPattern());
            } catch (PatternSyntaxException e) {
                return new Refused("InvalidAllowedPatternException", "The allowed pattern is not a valid regular expression.");
            }
            if (!pattern.matcher(put.value()).matches()) {
                return new Refused("ParameterPatternMismatchException",
                        "Parameter value, cannot be validated against allowedPattern: " + put.allowedPattern());
            }
        }
        String previousTier = previous.map(ParameterVersion::tier).orElse(STANDARD);
        int length = put.value().codePointCount(0, put.value().length());
        String tier;
        if (put.tier().equals(INTELLIGENT_TIERING)) {
            tier = previousTier.equals(ADVANCED) || length > STANDARD_MAX_CHARS ? ADVANCED : STANDARD;
        } else {
            tier = put.tier().isEmpty() ? previousTier : put.tier();
        }
        if (tier.equals(STANDARD) && previousTier.equals(ADVANCED)) {
            return validation("This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the "
                    + "advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced "
                    + "parameter and recreate it as a standard parameter.");
        }
        if (tier.equals(STANDARD) && length > STANDARD_MAX_CHARS) {
            return validation("Standard tier parameters support a maximum parameter value of 4096 characters. To create a "
                    + "larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, "
                    + "see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }
        if (length > ADVANCED_MAX_CHARS) {
            return validation("Advanced tier parameters support a maximum parameter value of 8192 characters.");
        }
        List<ParameterVersion> versions = new ArrayList<>(existing.map(Parameter::versions).orElse(List.of()));
        long number = previous.map(v -> v.version() + 1).orElse(1L);
        if (versions.size() >= MAX_VERSIONS) {
            if (!versions.get(0).labels().isEmpty()) {
                return new Refused("ParameterMaxVersionLimitExceeded", "You attempted to create a new version of "
                        + put.name() + " by calling the PutParameter API with the overwrite flag. Version "
                        + versions.get(0).version() + ", the oldest version, can't be deleted because it has a label "
                        + "associated with it. Move the label to another version of the parameter, and try again.");
            }
            versions.remove(0);
        }
        String description = !put.description().isEmpty() ? put.description()
                : previous.map(ParameterVersion::description).orElse("");
        versions.add(new ParameterVersion(number, type, put.value(), description, keyId, put.allowedPattern(), tier, dataType,
                nowMillis, user, List.of()));
        List<Parameter.Tag> tags = existing.map(Parameter::tags).orElse(put.tags());
        return new Stored(new Parameter(scope.accountId(), scope.region(), put.name(), versions, tags));
    }

    private static Refused validation(String message) {
        return new Refused("ValidationException", message);
    }
}
