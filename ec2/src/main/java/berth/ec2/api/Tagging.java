package berth.ec2.api;

import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Tag;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The tags a create request gives its resource through TagSpecifications. */
final class Tagging {
    private Tagging() {}

    /**
     * The tags of the specifications for {@code resourceType}; a specification for a type the
     * operation does not create is refused, as EC2 does.
     */
    static List<Tag> forResource(List<TagSpecification> specs, String resourceType, String... alsoAllowed) {
        List<Tag> tags = new ArrayList<>();
        for (TagSpecification spec : specs) {
            String type = spec.resourceTypeAsString();
            if (type == null) throw Ec2Errors.MISSING_PARAMETER.exception("Missing required parameter: ResourceType in TagSpecification");
            if (type.equals(resourceType)) {
                tags.addAll(Shapes.fromSdk(spec.tags()));
            } else if (!List.of(alsoAllowed).contains(type)) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("'" + type + "' is not a valid taggable resource type for"
                        + " this operation.");
            }
        }
        checked(List.of(), tags);
        return Tag.with(List.of(), tags);
    }

    static List<Tag> forType(List<TagSpecification> specs, String resourceType) {
        List<Tag> tags = new ArrayList<>();
        specs.stream().filter(s -> resourceType.equals(s.resourceTypeAsString())).forEach(s -> tags.addAll(Shapes.fromSdk(s.tags())));
        checked(List.of(), tags);
        return Tag.with(List.of(), tags);
    }

    static void checked(List<Tag> existing, List<Tag> added) {
        Tag.problem(existing, added, false).ifPresent(problem -> {
            throw problem.startsWith("The number") ? Ec2Errors.TAG_LIMIT_EXCEEDED.exception(problem)
                    : Ec2Errors.INVALID_PARAMETER_VALUE.exception(problem);
        });
    }
}
