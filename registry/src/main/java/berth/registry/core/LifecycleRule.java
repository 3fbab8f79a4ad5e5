package berth.registry.core;

import berth.aws.text.Wildcard;

import java.util.List;

/**
 * One rule of an ECR lifecycle policy.
 *
 * @param tagStatus {@code tagged}, {@code untagged} or {@code any}
 * @param tagPrefixes for tagged rules: an image is selected when, for every prefix, one of its tags starts with it
 * @param tagPatterns for tagged rules: an image is selected when, for every pattern, one of its tags matches it
 *     ({@code *} matches any run of characters)
 * @param countType {@code imageCountMoreThan} (keep the newest {@code countNumber}) or
 *     {@code sinceImagePushed} (expire those pushed more than {@code countNumber} days ago)
 */
public record LifecycleRule(int priority, String description, String tagStatus, List<String> tagPrefixes,
                            List<String> tagPatterns, String countType, int countNumber) {
    public static final String TAGGED = "tagged";
    public static final String UNTAGGED = "untagged";
    public static final String ANY = "any";
    public static final String IMAGE_COUNT_MORE_THAN = "imageCountMoreThan";
    public static final String SINCE_IMAGE_PUSHED = "sinceImagePushed";

    public LifecycleRule {
        tagPrefixes = List.copyOf(tagPrefixes);
        tagPatterns = List.copyOf(tagPatterns);
    }

    /** Whether the tag part of this rule's selection picks an image with {@code tags}. */
    public boolean selects(List<String> tags) {
        return switch (tagStatus) {
            case UNTAGGED -> tags.isEmpty();
            case ANY -> true;
            default -> !tags.isEmpty()
                    && tagPrefixes.stream().allMatch(p -> tags.stream().anyMatch(t -> t.startsWith(p)))
                    && tagPatterns.stream().allMatch(p -> tags.stream().anyMatch(t -> Wildcard.matches(p, t, Wildcard.Syntax.STAR_ONLY)));
        };
    }
}
