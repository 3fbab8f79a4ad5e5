package berth.agent.docker;

import berth.agent.runtime.ImageObservation;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.RegistryAuth;
import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Images on a Docker Engine: inspect, pull with registry credentials, remove. */
final class DockerImages {

    /** How long one pull may take before it counts as failed. */
    static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(DockerImages.class);

    private final DockerClient client;
    private final DockerFailures failures;
    private final Duration pullTimeout;

    DockerImages(DockerClient client, DockerFailures failures, Duration pullTimeout) {
        this.client = client;
        this.failures = failures;
        this.pullTimeout = pullTimeout;
    }

    ImageObservation ensure(ImageRef image, Optional<RegistryAuth> auth) {
        Optional<ImageObservation> present = inspect(image);
        return present.isPresent() ? present.get() : pull(image, auth);
    }

    ImageObservation pull(ImageRef image, Optional<RegistryAuth> auth) {
        long started = System.nanoTime();
        PullImageCmd cmd = client.pullImageCmd(image.repository())
                .withTag(image.digest().isEmpty() ? image.tag() : image.digest());
        auth.ifPresent(a -> cmd.withAuthConfig(new AuthConfig()
                .withUsername(a.username())
                .withPassword(a.password())
                .withRegistryAddress(a.serverAddress())));
        PullImageResultCallback callback = new PullImageResultCallback();
        try {
            cmd.exec(callback);
            if (!callback.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                throw new RuntimeFailure.ImagePullFailed(image, "timed out after " + pullTimeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure.ImagePullFailed(image, "interrupted", e);
        } catch (IOException e) {
            throw new RuntimeFailure.ImagePullFailed(image, e.getMessage(), e);
        } catch (RuntimeException e) {
            RuntimeFailure failure = failures.translate("pull image " + image, e);
            if (failure instanceof RuntimeFailure.EngineUnavailable) {
                throw failure;
            }
            throw new RuntimeFailure.ImagePullFailed(image, DockerFailures.engineMessage(e), e);
        }
        ImageObservation pulled = inspect(image).orElseThrow(() -> new RuntimeFailure.ImagePullFailed(image,
                "the engine reported success but does not have the image", null));
        LOG.info("image {} pulled as {} in {} ms", image, pulled.id(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return pulled;
    }

    /**
     * {@code docker import}, done as a {@code docker load} of a one-layer image archive around the root
     * filesystem: the engine's import endpoint needs a raw request body the client cannot send.
     */
    ImageObservation importImage(ImageRef image, java.io.InputStream rootFilesystemTar) {
        if (!image.digest().isEmpty()) {
            throw new RuntimeFailure.Rejected("an imported image needs a tag, not a digest: " + image, null);
        }
        byte[] archive;
        try {
            archive = ImageArchive.of(image, rootFilesystemTar.readAllBytes());
        } catch (IOException e) {
            throw new RuntimeFailure.Rejected("cannot read the root filesystem of " + image + ": " + e.getMessage(), e);
        }
        failures.run("import image " + image,
                () -> client.loadImageCmd(new java.io.ByteArrayInputStream(archive)).exec());
        ImageObservation imported = inspect(image).orElseThrow(() -> new RuntimeFailure.EngineError(
                "the engine reported importing " + image + " but does not have it", null));
        LOG.info("image {} imported as {}", image, imported.id());
        return imported;
    }

    void remove(ImageRef image) {
        failures.run("remove image " + image, () -> {
            try {
                client.removeImageCmd(image.reference()).exec();
                LOG.info("image {} removed", image);
            } catch (NotFoundException absent) {
                LOG.debug("image {} already absent", image);
            }
        });
    }

    Optional<ImageObservation> inspect(ImageRef image) {
        return failures.call("inspect image " + image, () -> {
            try {
                InspectImageResponse r = client.inspectImageCmd(image.reference()).exec();
                List<String> digests = r.getRepoDigests() == null ? List.of() : r.getRepoDigests();
                return Optional.of(new ImageObservation(r.getId(), digests));
            } catch (NotFoundException absent) {
                return Optional.empty();
            }
        });
    }
}
