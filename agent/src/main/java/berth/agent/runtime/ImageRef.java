package berth.agent.runtime;

/**
 * A container image reference as a task definition names it: {@code repository[:tag]} or
 * {@code repository@digest}. A reference with neither tag nor digest means the {@code latest} tag,
 * as with {@code docker pull}.
 *
 * @param repository the repository, including its registry host when not Docker Hub
 * @param tag        the tag, empty when {@code digest} pins the image
 * @param digest     the content digest ({@code sha256:…}), or empty
 */
public record ImageRef(String repository, String tag, String digest) {

    public ImageRef {
        if (repository.isBlank()) {
            throw new IllegalArgumentException("image repository is blank");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        if (!tag.isEmpty() && !digest.isEmpty()) {
            throw new IllegalArgumentException("image reference has both a tag and a digest: " + repository);
        }
    }

    /** Parses {@code name}, {@code name:tag}, {@code host:port/name:tag} or {@code name@sha256:…}. */
    public static ImageRef of(String reference) {
        String ref = reference.strip();
        int at = ref.indexOf('@');
        if (at >= 0) {
            String name = ref.substring(0, at);
            int colon = name.lastIndexOf(':');
            // a tag before the digest (name:tag@digest) is ignored by the engine; drop it here as well
            if (colon > name.lastIndexOf('/')) {
                name = name.substring(0, colon);
            }
            return new ImageRef(name, "", ref.substring(at + 1));
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1), "");
        }
        return new ImageRef(ref, "latest", "");
    }

    /** The reference in the engine's canonical spelling: {@code repository:tag} or {@code repository@digest}. */
    public String reference() {
        return digest.isEmpty() ? repository + ":" + tag : repository + "@" + digest;
    }

    /**
     * The registry host this image lives in ({@code 123.dkr.ecr.us-east-1.amazonaws.com},
     * {@code localhost:5000}), or empty for Docker Hub.
     */
    public String registry() {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String first = repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? first : "";
    }

    @Override
    public String toString() {
        return reference();
    }
}
