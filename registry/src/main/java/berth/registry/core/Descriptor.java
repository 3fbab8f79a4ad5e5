package berth.registry.core;

import java.util.Map;

/**
 * A reference to content by digest, as manifests carry them.
 *
 * @param artifactType empty when the descriptor names none
 * @param platform the platform of an index entry; {@link Platform#UNSPECIFIED} elsewhere
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, Platform platform) {
    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    /** The operating system, architecture and variant an index entry is built for. */
    public record Platform(String os, String architecture, String variant) {
        public static final Platform UNSPECIFIED = new Platform("", "", "");
    }
}
