package berth.registry.core;

import berth.aws.text.Wildcard;

import java.util.List;

/**
 * Whether a repository lets a tag move to another image: {@code MUTABLE}, {@code IMMUTABLE}, or
 * either with exclusions ({@code *} wildcard filters naming the tags that behave the other way).
 */
public record TagMutability(String mode, List<String> exclusions) {
    public static final String MUTABLE = "MUTABLE";
    public static final String IMMUTABLE = "IMMUTABLE";
    public static final String IMMUTABLE_WITH_EXCLUSION = "IMMUTABLE_WITH_EXCLUSION";
    public static final String MUTABLE_WITH_EXCLUSION = "MUTABLE_WITH_EXCLUSION";

    public TagMutability {
        exclusions = List.copyOf(exclusions);
    }

    public static TagMutability mutable() {
        return new TagMutability(MUTABLE, List.of());
    }

    /** Whether {@code tag}, once it names an image, may be pointed at another image. */
    public boolean mayMove(String tag) {
        boolean excluded = exclusions.stream().anyMatch(pattern -> Wildcard.matches(pattern, tag, Wildcard.Syntax.STAR_ONLY));
        return switch (mode) {
            case IMMUTABLE -> false;
            case IMMUTABLE_WITH_EXCLUSION -> excluded;
            case MUTABLE_WITH_EXCLUSION -> !excluded;
            default -> true;
        };
    }
}
