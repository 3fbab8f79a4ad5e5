package berth.registry.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A manifest stored in a repository, with what berth derived from it when it was pushed.
 *
 * @param size the manifest's size in bytes
 * @param imageSize ECR's {@code imageSizeInBytes}: the layers' total
 * @param blobs digests of the config and layers
 * @param children digests of the manifests an index names
 * @param subject the digest this manifest refers to (referrers API); empty when none
 * @param manifest the manifest exactly as pushed
 */
public record Image(String digest, String mediaType, String artifactType, String configMediaType, long size,
                    long imageSize, Instant pushedAt, List<String> blobs, List<String> children, String subject,
                    Map<String, String> annotations, byte[] manifest) {
    public Image {
        blobs = List.copyOf(blobs);
        children = List.copyOf(children);
        annotations = Map.copyOf(annotations);
    }

    /** The same manifest as stored at another time, e.g. in the repository it was replicated to. */
    public Image withPushedAt(Instant at) {
        return new Image(digest, mediaType, artifactType, configMediaType, size, imageSize, at, blobs, children, subject,
                annotations, manifest);
    }

    public static Image of(Digest digest, Manifest parsed, byte[] body, Instant pushedAt) {
        long imageSize = parsed.isIndex() ? 0 : parsed.layersSize();
        return new Image(digest.toString(), parsed.mediaType(), parsed.artifactType(), parsed.configMediaType(), body.length,
                imageSize, pushedAt, parsed.blobs().stream().map(d -> d.digest().toString()).distinct().toList(),
                parsed.manifests().stream().map(d -> d.digest().toString()).distinct().toList(), parsed.subject(),
                parsed.annotations(), body);
    }
}
