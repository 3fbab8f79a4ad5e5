package berth.agent.loop;

import berth.agent.core.ContainerFailure;
import berth.agent.core.FailureReasons;
import berth.agent.core.LocalTaskState;
import berth.agent.core.Step;
import berth.agent.core.TaskWork;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ImageObservation;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.RegistryAuth;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one task's engine steps in order. A step that fails records the failure in the task's
 * state (with ECS's reason text) and ends the task's work for this round; the next reconciliation
 * decides what follows. Consecutive stops run in parallel, so a task's containers get their stop
 * timeouts side by side.
 */
final class StepExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

    /** What executing a task's work tells the loop. */
    interface Listener {
        void update(String taskArn, UnaryOperator<LocalTaskState> change);

        void touched(String containerId);
    }

    private final Runtime runtime;
    private final Clock clock;
    private final java.util.function.BiFunction<String, ImageRef, Optional<RegistryAuth>> registryAuth;
    private final ExecutionSecrets secrets;
    private final LogShipping logs;
    private final Set<String> networksReady = ConcurrentHashMap.newKeySet();
    /** Engine ids of the containers created lately, by host name, so a start needs no lookup. */
    private final Map<String, String> createdIds = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 256;
                }
            });

    /** @param registryAuth registry sign-in for pulling an image for a task, by task ARN and image */
    StepExecutor(Runtime runtime, Clock clock,
                 java.util.function.BiFunction<String, ImageRef, Optional<RegistryAuth>> registryAuth,
                 ExecutionSecrets secrets, LogShipping logs) {
        this.runtime = runtime;
        this.logs = logs;
        this.clock = clock;
        this.registryAuth = registryAuth;
        this.secrets = secrets;
    }

    void run(TaskWork work, Map<String, String> agentLabels, Listener listener) {
        String task = work.taskArn();
        List<Step> steps = work.steps();
        boolean cleanup = steps.stream().allMatch(s -> s instanceof Step.RemoveContainer || s instanceof Step.RemoveVolume);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.StopContainer) {
                int end = i;
                while (end < steps.size() && steps.get(end) instanceof Step.StopContainer) {
                    end++;
                }
                stopAll(steps.subList(i, end), listener);
                i = end - 1;
                continue;
            }
            if (!apply(task, steps.get(i), agentLabels, listener)) {
                return;
            }
        }
        if (cleanup) {
            listener.update(task, LocalTaskState::cleaned);
        }
    }

    /** Applies one step; false when it failed and the task's remaining steps must wait for the next round. */
    private boolean apply(String task, Step step, Map<String, String> agentLabels, Listener listener) {
        try {
            switch (step) {
                case Step.EnsureImage s -> {
                    if (!ensureImage(task, s, listener)) {
                        return false;
                    }
                }
                case Step.EnsureNetwork s when s.subnet().isPresent() -> {
                    // a subnet's network goes when its last task does, so it is looked for every time
                    var subnet = s.subnet().get();
                    runtime.ensureNetwork(s.network(), subnet.cidr(), subnet.gateway(), subnet.reserved(), s.labels());
                }
                case Step.EnsureNetwork s -> {
                    if (networksReady.add(s.network())) {
                        try {
                            runtime.ensureNetwork(s.network(), Optional.empty(), s.labels());
                        } catch (RuntimeException e) {
                            networksReady.remove(s.network());
                            throw e;
                        }
                    }
                }
                case Step.EnsurePauseImage s -> PauseImage.ensure(runtime, s.image());
                case Step.EnsureVolume s -> runtime.ensureVolume(s.volume(), s.driver(), s.driverOptions(), s.labels());
                case Step.RequireVolume s -> {
                    if (!runtime.volumeExists(s.volume())) {
                        fail(task, s.containerName(), FailureReasons.cannotCreate("Error response from daemon: volume "
                                + s.volume() + " does not exist and its autoprovision is false"), listener);
                        return false;
                    }
                }
                case Step.CreateContainer s -> {
                    if (!create(task, s, agentLabels, listener)) {
                        return false;
                    }
                }
                case Step.OpenLogStream s -> {
                    if (!openLogStream(task, s, listener)) {
                        return false;
                    }
                }
                case Step.StartContainer s -> {
                    runtime.start(s.container());
                    listener.touched(createdIds.getOrDefault(s.container(), s.container()));
                }
                case Step.StopContainer s -> stop(s, listener);
                case Step.RemoveContainer s -> {
                    runtime.remove(s.container());
                    listener.touched(s.container());
                }
                case Step.RemoveNetwork s -> {
                    try {
                        runtime.removeNetwork(s.network());
                    } catch (RuntimeFailure.Conflict inUse) {
                        LOG.debug("network {} still has tasks; leaving it", s.network());
                    }
                }
                case Step.RemoveVolume s -> {
                    try {
                        runtime.removeVolume(s.volume());
                    } catch (RuntimeFailure.Conflict inUse) {
                        LOG.warn("volume {} of task {} is still in use; leaving it", s.volume(), task);
                    }
                }
            }
            return true;
        } catch (RuntimeFailure.EngineUnavailable e) {
            LOG.warn("task {}: {}", task, e.getMessage());
            return false;
        } catch (RuntimeFailure e) {
            if (step instanceof Step.StopContainer || step instanceof Step.RemoveContainer
                    || step instanceof Step.RemoveVolume || step instanceof Step.RemoveNetwork) {
                LOG.warn("task {}: {}", task, e.getMessage());
                return false;
            }
            String container = containerOf(step);
            String reason = switch (step) {
                case Step.StartContainer s -> FailureReasons.cannotStart(daemonMessage(e));
                case Step.EnsureNetwork s -> FailureReasons.resourceInitialization(e.getMessage());
                case Step.EnsurePauseImage s -> FailureReasons.resourceInitialization(e.getMessage());
                default -> FailureReasons.cannotCreate(daemonMessage(e));
            };
            LOG.info("task {} container {}: {}", task, container, reason);
            fail(task, container, reason, listener);
            return false;
        } catch (IllegalStateException e) {
            fail(task, containerOf(step), FailureReasons.resourceInitialization(e.getMessage()), listener);
            return false;
        }
    }

    private boolean ensureImage(String task, Step.EnsureImage s, Listener listener) {
        Instant started = clock.instant();
        try {
            Optional<RegistryAuth> auth = Optional.empty();
            boolean signIn = s.registryAuthenticated() || !s.repositoryCredentials().isEmpty();
            if (signIn && runtime.inspectImage(s.image()).isEmpty()) {
                auth = s.repositoryCredentials().isEmpty() ? registryAuth.apply(task, s.image())
                        : Optional.of(secrets.registryAuth(task, s.repositoryCredentials(), s.image()));
            }
            ImageObservation image = runtime.ensureImage(s.image(), auth);
            Instant stopped = clock.instant();
            String digest = digest(image, s.image());
            listener.update(task, l -> l.pulled(s.containerName(), digest, started, stopped));
            return true;
        } catch (RuntimeFailure.ImagePullFailed e) {
            String message = e.getMessage();
            String prefix = "cannot pull image " + s.image() + ": ";
            String engine = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            String reason = FailureReasons.cannotPull("Error response from daemon: " + engine);
            LOG.info("task {} container {}: {}", task, s.containerName(), reason);
            listener.update(task, l -> l.failed(s.containerName(), new ContainerFailure(reason, Optional.empty(), true)));
            return false;
        } catch (ExecutionSecrets.Unavailable e) {
            listener.update(task, l -> l.failed(s.containerName(),
                    new ContainerFailure(e.getMessage(), Optional.empty(), true)));
            return false;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            String reason = FailureReasons.cannotPull("registry sign-in failed: " + e.getMessage());
            listener.update(task, l -> l.failed(s.containerName(), new ContainerFailure(reason, Optional.empty(), true)));
            return false;
        }
    }

    /** Creates the container with its secrets in its environment; false when a secret cannot be had. */
    private boolean create(String task, Step.CreateContainer s, Map<String, String> agentLabels, Listener listener) {
        var spec = s.spec();
        if (!s.secrets().isEmpty()) {
            try {
                Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
                env.putAll(secrets.environment(task, s.secrets()));
                spec = spec.toBuilder().environment(env).build();
            } catch (ExecutionSecrets.Unavailable e) {
                LOG.info("task {} container {}: {}", task, s.containerName(), e.getMessage());
                listener.update(task, l -> l.failed(s.containerName(),
                        new ContainerFailure(e.getMessage(), Optional.empty(), true)));
                return false;
            }
        }
        String id;
        try {
            id = runtime.create(spec);
        } catch (RuntimeFailure.Conflict nameInUse) {
            // created by an earlier round whose result this agent has not seen yet: adopt it when it is ours
            ContainerObservation existing = runtime.inspect(s.spec().name());
            boolean ours = agentLabels.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(existing.labels().get(e.getKey())));
            if (!ours) {
                throw nameInUse;
            }
            id = existing.id();
        }
        String created = id;
        createdIds.put(spec.name(), created);
        listener.update(task, l -> l.created(s.containerName(), created));
        listener.touched(created);
        return true;
    }

    /** Opens the awslogs stream of a created container; a refusal fails the task before the container starts. */
    private boolean openLogStream(String task, Step.OpenLogStream s, Listener listener) {
        String id = createdIds.getOrDefault(s.container(), s.container());
        if (s.destination().streamPrefix().isEmpty() && id.equals(s.container())) {
            id = runtime.inspect(s.container()).id();
        }
        try {
            logs.open(task, s.destination().stream(s.containerName(), s.taskId(), id), s.destination());
            return true;
        } catch (LogShipping.Refused e) {
            String reason = FailureReasons.resourceInitialization("failed to validate logger args: " + e.getMessage());
            LOG.info("task {} container {}: {}", task, s.containerName(), reason);
            listener.update(task, l -> l.failed(s.containerName(), new ContainerFailure(reason, Optional.empty(), true)));
            return false;
        }
    }

    private void stop(Step.StopContainer s, Listener listener) {
        try {
            runtime.stop(s.container(), s.timeout());
        } catch (RuntimeFailure.NotFound gone) {
            LOG.debug("container {} already gone", s.container());
        }
        listener.touched(s.container());
    }

    private void stopAll(List<Step> stops, Listener listener) {
        List<Thread> threads = new ArrayList<>();
        for (Step step : stops) {
            threads.add(Thread.ofVirtual().name("stop-" + ((Step.StopContainer) step).containerName()).start(() -> {
                try {
                    stop((Step.StopContainer) step, listener);
                } catch (RuntimeFailure e) {
                    LOG.warn("stopping {}: {}", ((Step.StopContainer) step).container(), e.getMessage());
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void fail(String task, String container, String reason, Listener listener) {
        listener.update(task, l -> l.failed(container, new ContainerFailure(reason, Optional.empty(), false)));
    }

    /** The engine's own words, as the Docker client prints them. */
    static String daemonMessage(RuntimeFailure e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        String engine = colon >= 0 ? message.substring(colon + 2) : message;
        return "Error response from daemon: " + engine;
    }

    private static String digest(ImageObservation image, ImageRef ref) {
        if (!ref.digest().isEmpty()) {
            return ref.digest();
        }
        return image.repoDigests().stream()
                .filter(d -> d.startsWith(ref.repository() + "@"))
                .map(d -> d.substring(d.indexOf('@') + 1))
                .findFirst().orElse("");
    }

    private static String containerOf(Step step) {
        return switch (step) {
            case Step.EnsureImage s -> s.containerName();
            case Step.EnsureNetwork s -> berth.agent.core.TaskLayout.PAUSE;
            case Step.EnsurePauseImage s -> berth.agent.core.TaskLayout.PAUSE;
            case Step.EnsureVolume s -> s.containerName();
            case Step.RequireVolume s -> s.containerName();
            case Step.CreateContainer s -> s.containerName();
            case Step.OpenLogStream s -> s.containerName();
            case Step.StartContainer s -> s.containerName();
            case Step.StopContainer s -> s.containerName();
            case Step.RemoveContainer s -> s.containerName();
            case Step.RemoveVolume s -> "";
            case Step.RemoveNetwork s -> "";
        };
    }
}
