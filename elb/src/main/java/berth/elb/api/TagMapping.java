package berth.elb.api;

import berth.elb.core.ElbError;
import berth.elb.core.OrderedTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** Tags of a request, checked: no key twice, no more than 50 on a resource. */
final class TagMapping {
    private TagMapping() {}

    static Map<String, String> fromSdk(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty()) throw ElbError.VALIDATION.exception("A tag key must not be empty");
            if (t.key().startsWith("aws:")) throw ElbError.VALIDATION.exception("Tag keys starting with 'aws:' are reserved");
            if (map.put(t.key(), t.value() == null ? "" : t.value()) != null) {
                throw ElbError.DUPLICATE_TAG_KEYS.exception("Tag key '" + t.key() + "' specified more than once");
            }
        }
        return checkedCount(map);
    }

    static Map<String, String> checkedCount(Map<String, String> tags) {
        if (tags.size() > OrderedTags.MAX_TAGS) {
            throw ElbError.TOO_MANY_TAGS.exception("You have reached the limit of " + OrderedTags.MAX_TAGS
                    + " tags on a resource");
        }
        return tags;
    }
}
