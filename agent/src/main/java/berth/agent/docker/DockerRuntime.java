package berth.agent.docker;

import berth.agent.runtime.ContainerEvent;
import berth.agent.runtime.ContainerLogs;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerSpec;
import berth.agent.runtime.EngineInfo;
import berth.agent.runtime.EventSubscription;
import berth.agent.runtime.ImageObservation;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.RegistryAuth;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Runtime} on a Docker Engine, through its HTTP API (docker-java with its dependency-free
 * transport). Containers are handled here; images, networks and volumes by {@link DockerImages},
 * {@link DockerNetworks} and {@link DockerVolumes}.
 */
public final class DockerRuntime implements Runtime, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);
    private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EVENTS_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient client;
    private final DockerFailures failures;
    private final DockerImages images;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;

    DockerRuntime(DockerClient client, String endpoint, Duration pullTimeout) {
        this.client = client;
        this.failures = new DockerFailures(endpoint);
        this.images = new DockerImages(client, failures, pullTimeout);
        this.networks = new DockerNetworks(client, failures);
        this.volumes = new DockerVolumes(client, failures);
    }

    /** Connects to {@code DOCKER_HOST}, or {@code unix:///var/run/docker.sock} when it is unset. */
    public static DockerRuntime connect() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** Connects to the engine at {@code dockerHost}, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}. */
    public static DockerRuntime connect(URI dockerHost) {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost.toString())
                .build());
    }

    private static DockerRuntime connect(DockerClientConfig config) {
        // no response timeout: event streams stay idle for hours and a stop waits out its grace period
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new DockerRuntime(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString(),
                DockerImages.DEFAULT_PULL_TIMEOUT);
    }

    @Override
    public ImageObservation ensureImage(ImageRef image, Optional<RegistryAuth> auth) {
        return images.ensure(image, auth);
    }

    @Override
    public Optional<ImageObservation> inspectImage(ImageRef image) {
        return images.inspect(image);
    }

    @Override
    public ImageObservation pullImage(ImageRef image, Optional<RegistryAuth> auth) {
        return images.pull(image, auth);
    }

    @Override
    public ImageObservation importImage(ImageRef image, java.io.InputStream rootFilesystemTar) {
        return images.importImage(image, rootFilesystemTar);
    }

    @Override
    public void removeImage(ImageRef image) {
        images.remove(image);
    }

    @Override
    public String create(ContainerSpec spec) {
        String id = failures.call("create container " + spec.name(),
                () -> ContainerSpecTranslation.apply(spec, client.createContainerCmd(spec.image().reference()))
                        .exec().getId());
        LOG.info("container {} created as {} (image {}, labels {})", spec.name(), id, spec.image(), spec.labels());
        return id;
    }

    @Override
    public void start(String containerId) {
        failures.run("start container " + containerId, () -> {
            try {
                client.startContainerCmd(containerId).exec();
                LOG.info("container {} started", containerId);
            } catch (NotModifiedException alreadyRunning) {
                LOG.debug("container {} already running", containerId);
            }
        });
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        failures.run("stop container " + containerId, () -> {
            try {
                client.stopContainerCmd(containerId).withTimeout(ContainerSpecTranslation.seconds(timeout)).exec();
                LOG.info("container {} stopped", containerId);
            } catch (NotModifiedException alreadyStopped) {
                LOG.debug("container {} already stopped", containerId);
            }
        });
    }

    @Override
    public void remove(String containerId) {
        failures.run("remove container " + containerId, () -> {
            try {
                client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                LOG.info("container {} removed", containerId);
            } catch (NotFoundException absent) {
                LOG.debug("container {} already absent", containerId);
            }
        });
    }

    @Override
    public ContainerObservation inspect(String containerId) {
        return failures.call("inspect container " + containerId,
                () -> InspectTranslation.observation(client.inspectContainerCmd(containerId).exec()));
    }

    @Override
    public java.util.Optional<String> statsJson(String containerId) {
        try (var callback = new com.github.dockerjava.core.InvocationBuilder.AsyncResultCallback<
                com.github.dockerjava.api.model.Statistics>()) {
            client.statsCmd(containerId).withNoStream(true).exec(callback);
            var stats = callback.awaitResult();
            return stats == null ? java.util.Optional.empty()
                    : java.util.Optional.of(STATS_JSON.writeValueAsString(stats));
        } catch (com.github.dockerjava.api.exception.NotFoundException | java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STATS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    @Override
    public List<ContainerObservation> list(Map<String, String> labels) {
        List<Container> containers = failures.call("list containers",
                () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labelFilters(labels)).exec());
        List<ContainerObservation> out = new ArrayList<>();
        for (Container c : containers) {
            try {
                out.add(inspect(c.getId()));
            } catch (RuntimeFailure.NotFound removedMeanwhile) {
                LOG.debug("container {} vanished while listing", c.getId());
            }
        }
        return out;
    }

    @Override
    public EventSubscription events(Map<String, String> labels, Consumer<ContainerEvent> consumer) {
        return EngineEventStream.open(client, labelFilters(labels), consumer, EVENTS_CONNECT_TIMEOUT, failures);
    }

    @Override
    public ContainerLogs logs(String containerId) {
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        failures.run("read logs of container " + containerId, () -> {
            var callback = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                    .withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(text);
                        }
                    });
            try {
                if (!callback.awaitCompletion(LOGS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    callback.close();
                    throw new RuntimeFailure.EngineError("reading logs of " + containerId + " timed out", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeFailure.EngineError("interrupted reading logs of " + containerId, e);
            } catch (IOException e) {
                throw new RuntimeFailure.EngineError("closing log stream of " + containerId, e);
            }
        });
        return new ContainerLogs(stdout.toString(), stderr.toString());
    }

    @Override
    public EventSubscription followLogs(String containerId, java.time.Instant since,
                                        Consumer<berth.agent.runtime.ContainerLogLine> lines, Runnable ended) {
        return DockerLogFollower.open(client, failures, containerId, since, lines, ended);
    }

    @Override
    public String ensureNetwork(String name, Optional<String> subnet, Map<String, String> labels) {
        return networks.ensure(name, subnet, labels);
    }

    @Override
    public String ensureNetwork(String name, String subnet, String gateway, List<String> reserved,
                                Map<String, String> labels) {
        return networks.ensure(name, subnet, gateway, reserved, labels);
    }

    @Override
    public List<String> listNetworks(Map<String, String> labels) {
        return networks.list(labelFilters(labels));
    }

    @Override
    public Map<String, List<String>> networkSubnets() {
        return networks.subnets();
    }

    @Override
    public void removeNetwork(String name) {
        networks.remove(name);
    }

    @Override
    public void ensureVolume(String name, String driver, Map<String, String> driverOptions,
                             Map<String, String> labels) {
        volumes.ensure(name, driver, driverOptions, labels);
    }

    @Override
    public boolean volumeExists(String name) {
        return volumes.exists(name);
    }

    @Override
    public List<String> listVolumes(Map<String, String> labels) {
        return volumes.list(labelFilters(labels));
    }

    @Override
    public void removeVolume(String name) {
        volumes.remove(name);
    }

    @Override
    public EngineInfo info() {
        Info info = failures.call("read engine info", () -> client.infoCmd().exec());
        Version version = failures.call("read engine version", () -> client.versionCmd().exec());
        List<String> logDrivers = info.getPlugins() == null ? List.of()
                : info.getPlugins().getOrDefault("Log", List.of());
        return new EngineInfo(
                InspectTranslation.orEmpty(version.getVersion()),
                InspectTranslation.orEmpty(version.getApiVersion()),
                InspectTranslation.orEmpty(info.getOperatingSystem()),
                InspectTranslation.orEmpty(info.getOsType()),
                InspectTranslation.orEmpty(info.getArchitecture()),
                InspectTranslation.orEmpty(info.getKernelVersion()),
                info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal() / (1024 * 1024),
                logDrivers);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing docker client", e);
        }
    }

    /** The engine's label filters: {@code key=value}, or {@code key} alone for any value. */
    static List<String> labelFilters(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
    }
}
