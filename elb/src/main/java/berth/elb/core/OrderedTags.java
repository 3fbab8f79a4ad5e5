package berth.elb.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Tags as an immutable map sorted by key, so stored records and responses list them the same way. */
public final class OrderedTags {
    public static final int MAX_TAGS = 50;

    private OrderedTags() {}

    public static Map<String, String> copy(Map<String, String> tags) {
        return Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
