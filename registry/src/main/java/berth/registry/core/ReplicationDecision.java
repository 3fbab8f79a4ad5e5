package berth.registry.core;

import java.util.List;
import java.util.Map;

/**
 * Whether an image may be copied into one destination registry, decided from what is known of both
 * sides. Within one account any region may receive; another account's registry must grant the source
 * account {@code ecr:ReplicateImage} on the repository in its registry policy, and
 * {@code ecr:CreateRepository} too when the repository is not there yet. A tag that already names
 * another image in a destination repository with immutable tags fails the copy.
 */
public final class ReplicationDecision {
    /** The destination registry's policy does not let the source account replicate into the repository. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** The destination repository does not exist and the source account may not have it created. */
    public static final String REPOSITORY_NOT_FOUND = "REPOSITORY_NOT_FOUND";
    /** A tag of the image names another image in the destination, whose tags are immutable. */
    public static final String IMAGE_TAG_IMMUTABLE = "IMAGE_TAG_IMMUTABLE";
    /** The image was deleted from the source before it was copied. */
    public static final String SOURCE_IMAGE_NOT_FOUND = "SOURCE_IMAGE_NOT_FOUND";

    private ReplicationDecision() {}

    /**
     * What is known of one destination.
     *
     * @param tags the tags naming the image in the source now
     * @param destinationTags the digests those tags name in the destination repository, where they exist
     * @param destinationMutability the destination repository's tag rule; ignored when it does not exist
     */
    public record Facts(RepositoryId source, RepositoryId destination, String digest, boolean sourceImagePresent,
                        List<String> tags, RegistryPolicy destinationPolicy, boolean destinationExists,
                        TagMutability destinationMutability, Map<String, String> destinationTags) {
        public Facts {
            tags = List.copyOf(tags);
            destinationTags = Map.copyOf(destinationTags);
        }
    }

    public sealed interface Outcome {
        /** Copy the image (and what it references) and point {@code tags} at it. */
        record Copy(boolean createRepository, List<String> tags) implements Outcome {
            public Copy {
                tags = List.copyOf(tags);
            }
        }

        record Fail(String failureCode, String reason) implements Outcome {}
    }

    public static Outcome decide(Facts facts) {
        if (!facts.sourceImagePresent()) {
            return new Outcome.Fail(SOURCE_IMAGE_NOT_FOUND, "the image " + facts.digest() + " is no longer in " + facts.source().arn());
        }
        if (!facts.source().accountId().equals(facts.destination().accountId())) {
            RepositoryPolicy.Principal source = RepositoryPolicy.Principal.root(facts.source().accountId());
            String arn = facts.destination().arn();
            if (!facts.destinationPolicy().allows(source, RegistryPolicy.REPLICATE_IMAGE, arn)) {
                return new Outcome.Fail(ACCESS_DENIED, "the registry policy of " + facts.destination().accountId() + " in "
                        + facts.destination().region() + " does not allow " + source.arn() + " " + RegistryPolicy.REPLICATE_IMAGE
                        + " on " + arn);
            }
            if (!facts.destinationExists() && !facts.destinationPolicy().allows(source, RegistryPolicy.CREATE_REPOSITORY, arn)) {
                return new Outcome.Fail(REPOSITORY_NOT_FOUND, arn + " does not exist and the registry policy does not allow "
                        + source.arn() + " " + RegistryPolicy.CREATE_REPOSITORY);
            }
        }
        if (facts.destinationExists()) {
            for (String tag : facts.tags()) {
                String there = facts.destinationTags().get(tag);
                if (there != null && !there.equals(facts.digest()) && !facts.destinationMutability().mayMove(tag)) {
                    return new Outcome.Fail(IMAGE_TAG_IMMUTABLE, "the tag '" + tag + "' names another image in "
                            + facts.destination().arn() + ", whose tags are immutable");
                }
            }
        }
        return new Outcome.Copy(!facts.destinationExists(), facts.tags());
    }
}
