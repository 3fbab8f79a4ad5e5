package berth.iam.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of an IAM entity. Keys are unique regardless of case, as IAM keeps them: tagging with
 * {@code env} replaces a tag {@code Env}, and untagging {@code ENV} removes it.
 */
public final class IamTags {
    /** IAM's quota of tags per role, user, managed policy or instance profile. */
    public static final int MAX_TAGS = 50;

    private IamTags() {}

    /** {@code current} with {@code added} put in, replacing tags whose keys differ only in case. */
    public static Map<String, String> merged(Map<String, String> current, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>(current);
        added.forEach((key, value) -> {
            out.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            out.put(key, value);
        });
        return out;
    }

    /** {@code current} without the tags {@code keys} name; keys it does not have are ignored. */
    public static Map<String, String> removed(Map<String, String> current, Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>(current);
        out.keySet().removeIf(existing -> keys.stream().anyMatch(existing::equalsIgnoreCase));
        return out;
    }
}
