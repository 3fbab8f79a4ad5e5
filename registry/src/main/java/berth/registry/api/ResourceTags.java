package berth.registry.api;

import software.amazon.awssdk.services.ecr.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resource tags of repositories: AWS's limits, and the SDK shape. */
final class ResourceTags {
    static final int MAX_TAGS = 50;

    private ResourceTags() {}

    static Map<String, String> of(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag tag : tags) {
            check(tag);
            out.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (out.size() > MAX_TAGS) throw EcrErrors.tooManyTags();
        return out;
    }

    static void check(Tag tag) {
        if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
            throw EcrErrors.INVALID_TAG_PARAMETER.exception("Tag keys must be between 1 and 128 characters.");
        }
        if (tag.key().startsWith("aws:")) throw EcrErrors.INVALID_TAG_PARAMETER.exception("Tag keys may not start with 'aws:'.");
        if (tag.value() != null && tag.value().length() > 256) {
            throw EcrErrors.INVALID_TAG_PARAMETER.exception("Tag values must be at most 256 characters.");
        }
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
