package berth.ecs.api;

import berth.aws.Scope;
import berth.aws.arn.Arn;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The kinds of ECS resource TagResource, UntagResource and ListTagsForResource reach, by the
 * resource type of their ARNs ({@code cluster}, {@code task-definition}, {@code container-instance};
 * tasks and services register theirs). Kinds are looked up per request, so one may be registered at
 * any time.
 */
public final class TaggableResources {

    /** How to read and change the tags of one kind of resource. */
    public interface TaggableKind {
        /** The tags of the resource {@code arn} names in {@code scope}; empty when it does not exist. */
        Optional<Map<String, String>> tags(Scope scope, Arn arn);

        /**
         * Replaces the tags of the resource {@code arn} names with {@code change} of its current tags,
         * atomically; false when the resource does not exist. {@code change} may throw to refuse.
         */
        boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change);
    }

    private final Map<String, TaggableKind> kinds = new ConcurrentHashMap<>();

    /** Makes resources whose ARN has {@code resourceType} taggable through {@code kind}. */
    public void register(String resourceType, TaggableKind kind) {
        kinds.put(resourceType, kind);
    }

    Optional<TaggableKind> kind(String resourceType) {
        return Optional.ofNullable(kinds.get(resourceType));
    }
}
