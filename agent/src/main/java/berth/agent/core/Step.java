package berth.agent.core;

import berth.agent.runtime.ContainerSpec;
import berth.agent.runtime.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine action of a plan. Steps of one task run in order; the first that fails ends the task's
 * work for this round, and its failure is recorded for the next decision.
 */
public sealed interface Step {

    /**
     * Makes the image of {@code containerName} present, pulling it when absent.
     *
     * @param registryAuthenticated the image lives in a berth (ECR) registry, so the pull signs in first
     * @param repositoryCredentials the Secrets Manager secret holding the private registry's
     *                              {@code username} and {@code password}, or empty
     */
    record EnsureImage(String containerName, ImageRef image, boolean registryAuthenticated,
                       String repositoryCredentials) implements Step {}

    /**
     * Makes an awsvpc task's network exist: the agent's awsvpc network, or, with {@code subnet}, the
     * network of the task's subnet with its block and reserved addresses.
     */
    record EnsureNetwork(String network, Optional<SubnetNetwork> subnet, Map<String, String> labels) implements Step {
        public EnsureNetwork {
            labels = Map.copyOf(labels);
        }

        public EnsureNetwork(String network, Map<String, String> labels) {
            this(network, Optional.empty(), labels);
        }
    }

    /** Removes a subnet's network once no container is attached to it; one still in use stays. */
    record RemoveNetwork(String network) implements Step {}

    /** Makes the awsvpc pause image present, building it from the host's static busybox when missing. */
    record EnsurePauseImage(ImageRef image) implements Step {}

    /** Makes a volume exist, creating it with {@code driver} when missing. */
    record EnsureVolume(String containerName, String volume, String driver, Map<String, String> driverOptions,
                        Map<String, String> labels) implements Step {
        public EnsureVolume {
            driverOptions = Map.copyOf(driverOptions);
            labels = Map.copyOf(labels);
        }
    }

    /** Fails {@code containerName} when the shared volume does not exist (no autoprovision). */
    record RequireVolume(String containerName, String volume) implements Step {}

    /**
     * Creates a container; its {@code secrets} are resolved first (Secrets Manager or SSM Parameter
     * Store) and added to its environment, by name.
     */
    record CreateContainer(String containerName, ContainerSpec spec, List<SecretReference> secrets) implements Step {
        public CreateContainer {
            secrets = List.copyOf(secrets);
        }
    }

    /** An environment variable whose value comes from {@code valueFrom}: ECS {@code secrets}. */
    record SecretReference(String name, String valueFrom) {}

    /**
     * Creates the awslogs group (when asked) and stream of a created container before it starts, as
     * the log driver validates its arguments; a refusal fails the task before the container runs.
     *
     * @param container the engine id or host name of the container
     */
    record OpenLogStream(String containerName, String container, String taskId, AwsLogsDestination destination)
            implements Step {}

    /** @param container the engine id or host name of the container */
    record StartContainer(String containerName, String container) implements Step {}

    /** SIGTERM, then SIGKILL after {@code timeout}. */
    record StopContainer(String containerName, String container, Duration timeout) implements Step {}

    record RemoveContainer(String containerName, String container) implements Step {}

    record RemoveVolume(String volume) implements Step {}
}
