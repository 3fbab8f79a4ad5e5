package berth.ecs.api;

import berth.ecs.core.ResourceTags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Tags between the SDK's list of key/value pairs and a map, with ECS's rules applied. */
final class TagMapping {
    private TagMapping() {}

    /** The tags of a request, checked; {@code InvalidParameterException} for a broken rule. */
    static Map<String, String> checked(List<Tag> tags) {
        return guarded(() -> ResourceTags.checked(map(tags)));
    }

    static Map<String, String> merged(Map<String, String> existing, List<Tag> added) {
        return guarded(() -> ResourceTags.merged(existing, map(added)));
    }

    static Map<String, String> without(Map<String, String> existing, Collection<String> keys) {
        return guarded(() -> ResourceTags.without(existing, keys));
    }

    static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static Map<String, String> map(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            map.put(tag.key() == null ? "" : tag.key(), tag.value() == null ? "" : tag.value());
        }
        return map;
    }

    private static Map<String, String> guarded(Supplier<Map<String, String>> change) {
        try {
            return change.get();
        } catch (ResourceTags.InvalidTagsException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
        }
    }
}
