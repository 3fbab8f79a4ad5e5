package berth.agent.runtime;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The container engine of one host, as a task runner needs it: images, containers, networks,
 * volumes, and the host's capacity. Every operation throws a {@link RuntimeFailure} when it cannot be
 * done. Operations that converge ({@code ensure…}, {@code remove…}, {@code stop}) are idempotent, so a
 * level-triggered loop may repeat them freely.
 */
public interface Runtime {

    /**
     * Makes {@code image} present on the host, pulling it only when absent.
     *
     * @throws RuntimeFailure.ImagePullFailed when it is absent and cannot be pulled
     */
    ImageObservation ensureImage(ImageRef image, Optional<RegistryAuth> auth);

    /** The image if it is present on the host; never pulls. */
    Optional<ImageObservation> inspectImage(ImageRef image);

    /**
     * Pulls {@code image} even when present, picking up a moved tag.
     *
     * @throws RuntimeFailure.ImagePullFailed when the pull fails
     */
    ImageObservation pullImage(ImageRef image, Optional<RegistryAuth> auth);

    /**
     * Makes {@code image} from a root filesystem in tar form, as {@code docker import} does; an image
     * of that name is replaced. Serves images that must exist without any registry (the awsvpc pause
     * image).
     *
     * @throws RuntimeFailure.Rejected when the engine cannot read the tar
     */
    ImageObservation importImage(ImageRef image, InputStream rootFilesystemTar);

    /**
     * Removes {@code image} from the host; absent images are fine.
     *
     * @throws RuntimeFailure.Conflict when a container still uses it
     */
    void removeImage(ImageRef image);

    /**
     * Creates a container, not yet started.
     *
     * @return the container id
     * @throws RuntimeFailure.Conflict when the name is in use
     * @throws RuntimeFailure.NotFound when the image, a network or a volume driver is missing
     * @throws RuntimeFailure.Rejected when the engine refuses the spec
     */
    String create(ContainerSpec spec);

    /** Starts a created container; starting a running one does nothing. */
    void start(String containerId);

    /**
     * Sends SIGTERM (or the image's stop signal) and, if the container is still running after
     * {@code timeout}, SIGKILL; returns once it has stopped. Stopping a stopped container does nothing.
     */
    void stop(String containerId, Duration timeout);

    /** Removes a container with its anonymous volumes, killing it if still running; absent containers are fine. */
    void remove(String containerId);

    /**
     * The container's current state.
     *
     * @param containerId the container id or name
     * @throws RuntimeFailure.NotFound when there is no such container
     */
    ContainerObservation inspect(String containerId);

    /**
     * Every container, running or not, carrying all of {@code labels}. A label with an empty value
     * matches any value of that key.
     */
    List<ContainerObservation> list(Map<String, String> labels);

    /**
     * One sample of the container's resource usage, as the engine's own stats JSON (what the task
     * metadata endpoint serves); empty when the engine has none for it (e.g. it is gone).
     */
    default java.util.Optional<String> statsJson(String containerId) {
        return java.util.Optional.empty();
    }

    /**
     * Delivers events of containers carrying all of {@code labels} to {@code consumer}, on a thread of
     * the runtime, until the subscription is closed. No event after this call returns is missed; one
     * from the moments before may be delivered too.
     */
    EventSubscription events(Map<String, String> labels, Consumer<ContainerEvent> consumer);

    /** What the container has written to stdout and stderr so far; needs a log driver that keeps logs locally. */
    ContainerLogs logs(String containerId);

    /**
     * Delivers every line the container writes from {@code since} on, on a thread of the runtime, until
     * the container stops (then {@code ended} runs) or the subscription is closed. Needs a log driver
     * that keeps logs locally.
     */
    EventSubscription followLogs(String containerId, Instant since, Consumer<ContainerLogLine> lines, Runnable ended);

    /**
     * Makes a user-defined bridge network named {@code name} exist, with {@code subnet} (CIDR) when
     * given and the engine's choice otherwise.
     *
     * @return the network id
     */
    String ensureNetwork(String name, Optional<String> subnet, Map<String, String> labels);

    /**
     * Makes a user-defined bridge network named {@code name} exist with {@code subnet} (CIDR), the
     * host's address on it {@code gateway}, and {@code reserved} addresses the engine never gives a
     * container.
     *
     * @return the network id
     * @throws RuntimeFailure.Conflict when a network of that name exists with another subnet
     */
    String ensureNetwork(String name, String subnet, String gateway, List<String> reserved, Map<String, String> labels);

    /** The engine's networks by name, each with its IPv4 subnets (CIDR). */
    Map<String, List<String>> networkSubnets();

    /** The names of the networks carrying every one of {@code labels}. */
    List<String> listNetworks(Map<String, String> labels);

    /**
     * Removes a network; absent networks are fine.
     *
     * @throws RuntimeFailure.Conflict when containers are still attached
     */
    void removeNetwork(String name);

    /**
     * Makes a volume named {@code name} exist with {@code driver} and its options.
     *
     * @throws RuntimeFailure.Conflict when it exists with another driver
     */
    void ensureVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels);

    /** Whether a volume named {@code name} exists. */
    boolean volumeExists(String name);

    /** The names of the volumes carrying all of {@code labels}; an empty value matches any value. */
    List<String> listVolumes(Map<String, String> labels);

    /**
     * Removes a volume and its data; absent volumes are fine.
     *
     * @throws RuntimeFailure.Conflict when a container still uses it
     */
    void removeVolume(String name);

    /**
     * The host's capacity and engine version.
     *
     * @throws RuntimeFailure.EngineUnavailable when no engine answers
     */
    EngineInfo info();
}
