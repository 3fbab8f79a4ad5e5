package berth.registry.core;

import java.util.List;
import java.util.Map;

/**
 * A manifest that passed {@link ManifestParser}: an image manifest (config and layers) or an index
 * (other manifests).
 *
 * @param mediaType the effective media type: the manifest's own, else the one it was uploaded with
 * @param artifactType the manifest's {@code artifactType}, else (image manifests) its config's media
 *     type, as the referrers API reports it
 * @param config the config of an image manifest; empty list for an index
 * @param layers the layers of an image manifest; empty for an index
 * @param manifests the entries of an index; empty for an image manifest
 * @param subject the digest of the manifest this one refers to; empty when none
 */
public record Manifest(String mediaType, String artifactType, List<Descriptor> config, List<Descriptor> layers,
                       List<Descriptor> manifests, String subject, Map<String, String> annotations) {
    public Manifest {
        config = List.copyOf(config);
        layers = List.copyOf(layers);
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Blobs this manifest needs in its repository: config and layers. */
    public List<Descriptor> blobs() {
        return java.util.stream.Stream.concat(config.stream(), layers.stream()).toList();
    }

    /** The config's media type ({@code artifactMediaType} in ECR); empty for an index. */
    public String configMediaType() {
        return config.isEmpty() ? "" : config.get(0).mediaType();
    }

    /** ECR's image size: the sum of the layers' (compressed) sizes. */
    public long layersSize() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
