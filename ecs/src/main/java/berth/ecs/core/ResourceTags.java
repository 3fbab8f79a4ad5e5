package berth.ecs.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tag rules ECS applies to every taggable resource: keys of 1 to 128 characters, values of at
 * most 256, at most 50 tags on a resource, and the {@code aws:} prefix (in any case) reserved.
 * Breaking one is an {@link InvalidTagsException} with ECS's message.
 */
public final class ResourceTags {
    public static final int MAX_TAGS = 50;

    private ResourceTags() {}

    /** A tag change ECS refuses; answered as {@code InvalidParameterException}. */
    public static final class InvalidTagsException extends RuntimeException {
        public InvalidTagsException(String message) {
            super(message, null, false, false);
        }
    }

    /** Checks the tags of a request (in order, later keys replacing earlier ones) and returns them. */
    public static Map<String, String> checked(Map<String, String> requested) {
        for (Map.Entry<String, String> tag : requested.entrySet()) {
            checkKey(tag.getKey());
            if (tag.getValue().length() > 256) {
                throw new InvalidTagsException("Tag values must be at most 256 characters.");
            }
        }
        if (requested.size() > MAX_TAGS) {
            throw new InvalidTagsException("A resource can have at most " + MAX_TAGS + " tags.");
        }
        return OrderedMaps.copyOf(requested);
    }

    /** {@code existing} with {@code added} applied, refused when the result would break a rule. */
    public static Map<String, String> merged(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(existing);
        all.putAll(checked(added));
        if (all.size() > MAX_TAGS) {
            throw new InvalidTagsException("A resource can have at most " + MAX_TAGS + " tags.");
        }
        return OrderedMaps.copyOf(all);
    }

    /** {@code existing} without the tags named by {@code keys}. */
    public static Map<String, String> without(Map<String, String> existing, Collection<String> keys) {
        for (String key : keys) {
            checkKey(key);
        }
        Map<String, String> remaining = new LinkedHashMap<>(existing);
        keys.forEach(remaining::remove);
        return OrderedMaps.copyOf(remaining);
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 128) {
            throw new InvalidTagsException("Tag keys must be between 1 and 128 characters.");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new InvalidTagsException("Tag keys starting with 'aws:' are reserved for internal use.");
        }
    }
}
