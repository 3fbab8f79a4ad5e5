package berth.logs.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Tag rules of log groups: at most 50, keys 1-128 and values 0-256 characters of AWS's tag alphabet, no {@code aws:} keys. */
final class LogTags {
    static final int MAX_TAGS = 50;
    private static final Pattern KEY = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$");
    private static final Pattern VALUE = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    private LogTags() {}

    static Map<String, String> validated(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (!KEY.matcher(key).matches()) {
                throw LogsErrors.INVALID_PARAMETER.exception("1 validation error detected: Value '" + key
                        + "' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
                        + "[Member must satisfy regular expression pattern: " + KEY.pattern() + "]");
            }
            if (!VALUE.matcher(value).matches()) {
                throw LogsErrors.INVALID_PARAMETER.exception("1 validation error detected: Value '" + value
                        + "' at 'tags." + key + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + VALUE.pattern());
            }
            if (key.startsWith("aws:")) {
                throw LogsErrors.INVALID_PARAMETER.exception("Tag keys prefixed with 'aws:' are reserved for AWS use.");
            }
            out.put(key, value);
        }
        return out;
    }

    /** {@code existing} with {@code added} merged in, refused when the result would exceed {@link #MAX_TAGS}. */
    static Map<String, String> merged(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>(existing);
        out.putAll(validated(added));
        if (out.size() > MAX_TAGS) {
            throw LogsErrors.TOO_MANY_TAGS.exception(
                    "A resource can have no more than " + MAX_TAGS + " tags.");
        }
        return out;
    }
}
