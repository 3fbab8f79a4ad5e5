package berth.ecs.core.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of PutAttributes and DeleteAttributes on a container instance: names of up to 128
 * letters, numbers, hyphens, underscores, slashes, backslashes and periods; values of up to 128
 * characters that also allow {@code @}, colons and inner spaces; at most 10 custom attributes on an
 * instance.
 */
public final class InstanceAttributes {
    public static final int MAX_CUSTOM_ATTRIBUTES = 10;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_./\\\\-]{1,128}");
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9_./\\\\@: -]{1,128}");

    private InstanceAttributes() {}

    /** An attribute change ECS refuses, answered as {@code InvalidParameterException}. */
    public static final class InvalidAttributeException extends RuntimeException {
        public InvalidAttributeException(String message) {
            super(message, null, false, false);
        }
    }

    /** More custom attributes than an instance may have, answered as {@code AttributeLimitExceededException}. */
    public static final class AttributeLimitException extends RuntimeException {
        public AttributeLimitException(String message) {
            super(message, null, false, false);
        }
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidAttributeException("Attribute name '" + name + "' is invalid. Names can have up to 128"
                    + " letters, numbers, hyphens, underscores, forward slashes, back slashes or periods.");
        }
    }

    public static void checkValue(String name, String value) {
        if (!value.isEmpty() && (!VALUE.matcher(value).matches() || value.strip().length() != value.length())) {
            throw new InvalidAttributeException("Attribute value '" + value + "' of '" + name + "' is invalid. Values"
                    + " can have up to 128 letters, numbers, hyphens, underscores, periods, at signs, forward"
                    + " slashes, back slashes, colons or spaces, and cannot start or end with a space.");
        }
    }

    /** {@code current} with {@code put} set (replacing attributes of the same name). */
    public static List<InstanceAttribute> put(List<InstanceAttribute> current, List<InstanceAttribute> put) {
        Map<String, InstanceAttribute> byName = new LinkedHashMap<>();
        current.forEach(a -> byName.put(a.name(), a));
        for (InstanceAttribute attribute : put) {
            checkName(attribute.name());
            checkValue(attribute.name(), attribute.value());
            byName.put(attribute.name(), attribute);
        }
        long custom = byName.values().stream().filter(a -> !a.builtIn()).count();
        if (custom > MAX_CUSTOM_ATTRIBUTES) {
            throw new AttributeLimitException("You can apply up to " + MAX_CUSTOM_ATTRIBUTES
                    + " custom attributes for each resource.");
        }
        return List.copyOf(byName.values());
    }

    /** {@code current} without the attributes named in {@code deleted}. */
    public static List<InstanceAttribute> delete(List<InstanceAttribute> current, List<String> deleted) {
        deleted.forEach(InstanceAttributes::checkName);
        return current.stream().filter(a -> !deleted.contains(a.name())).toList();
    }
}
