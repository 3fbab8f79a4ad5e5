package berth.agent.runtime;

import java.util.List;

/**
 * An image present on the host.
 *
 * @param id          the engine's image id ({@code sha256:…} of the config)
 * @param repoDigests {@code repository@sha256:…} manifest digests the image was pulled by; empty for
 *                    images built locally
 */
public record ImageObservation(String id, List<String> repoDigests) {

    public ImageObservation {
        repoDigests = List.copyOf(repoDigests);
    }
}
