package berth.ec2.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A resource tag. EC2 keeps a resource's tags in the order they were first set. */
public record Tag(String key, String value) {
    public static final int MAX_PER_RESOURCE = 50;

    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** {@code tags} with {@code added} set: a key already there keeps its place and takes the new value. */
    public static List<Tag> with(List<Tag> tags, List<Tag> added) {
        List<Tag> out = new ArrayList<>(tags);
        for (Tag tag : added) {
            int at = indexOf(out, tag.key());
            if (at >= 0) out.set(at, tag); else out.add(tag);
        }
        return List.copyOf(out);
    }

    /**
     * {@code tags} without {@code removed}: a removal with a value removes the key only when it holds
     * that value, one without a value (empty {@code Optional}) removes the key whatever it holds.
     */
    public static List<Tag> without(List<Tag> tags, Map<String, Optional<String>> removed) {
        return tags.stream().filter(t -> !removed.containsKey(t.key())
                || removed.get(t.key()).map(v -> !v.equals(t.value())).orElse(false)).toList();
    }

    public static Optional<String> value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst();
    }

    /** Why a set of new tags is refused: AWS's reserved prefix or too many; empty when they are fine. */
    public static Optional<String> problem(List<Tag> existing, List<Tag> added, boolean allowReserved) {
        for (Tag tag : added) {
            if (!allowReserved && tag.key().regionMatches(true, 0, "aws:", 0, 4)) {
                return Optional.of("Tag keys starting with 'aws:' are reserved for internal use");
            }
            if (tag.key().isEmpty() || tag.key().length() > 127) {
                return Optional.of("Tag key must be between 1 and 127 characters: '" + tag.key() + "'");
            }
            if (tag.value().length() > 255) {
                return Optional.of("Tag value exceeds the maximum length of 255 characters");
            }
        }
        if (with(existing, added).size() > MAX_PER_RESOURCE) {
            return Optional.of("The number of tags on the resource exceeds " + MAX_PER_RESOURCE);
        }
        return Optional.empty();
    }

    private static int indexOf(List<Tag> tags, String key) {
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).key().equals(key)) return i;
        }
        return -1;
    }
}
