package berth.agent.core;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.HealthStatus;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Resources;
import berth.agentwire.AssignedContainer;
import berth.agentwire.TaskObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a task desired RUNNING forward: the awsvpc namespace first, then images, then each container
 * whose dependencies are met (volumes, create, start); reports the task RUNNING once every container
 * runs or has finished, and each later container change on its own.
 */
final class TaskProgress {

    private final TaskDecision d;
    private final Map<String, ContainerView> views;

    TaskProgress(TaskDecision decision, Map<String, ContainerView> views) {
        this.d = decision;
        this.views = views;
    }

    /** Plans this round; true when it recorded a new container failure, so the task must be decided again. */
    boolean run() {
        if (recordContainersThatCannotStart()) {
            return true;
        }
        boolean namespaceReady = d.network != TaskNetwork.AWSVPC || awsvpcNamespace();
        ensureImages();
        if (namespaceReady) {
            Map<String, Resources> resources = d.resources();
            for (ContainerView v : views.values()) {
                if (v.phase() == ContainerPhase.NONE && ready(v)) {
                    createAndStart(v, resources.get(v.name()));
                } else if (v.phase() == ContainerPhase.CREATED && ready(v)) {
                    start(v.definition(), v.runtimeId());
                }
            }
        }
        report();
        observe();
        return false;
    }

    /** Dependencies met, and the container holding a task-wide PID or IPC namespace started first. */
    private boolean ready(ContainerView v) {
        var holder = LinuxSettings.namespaceHolder(d.task, d.network);
        if (holder.isPresent() && !holder.get().name().equals(v.name())) {
            ContainerView h = views.get(holder.get().name());
            if (h == null || h.phase() != ContainerPhase.RUNNING) {
                return false;
            }
        }
        return Dependencies.readiness(v, views, d.now) instanceof Dependencies.Readiness.Ready;
    }

    /**
     * Containers not yet started whose dependencies can never be met fail, as ECS's dependency graph
     * fails them; so do containers with {@code environmentFiles}, which live in S3, which berth has not.
     */
    private boolean recordContainersThatCannotStart() {
        boolean recorded = false;
        for (ContainerView v : views.values()) {
            if (v.phase() != ContainerPhase.NONE && v.phase() != ContainerPhase.CREATED) {
                continue;
            }
            if (!v.definition().environmentFiles().isEmpty() && v.phase() == ContainerPhase.NONE) {
                d.local = d.local.failed(v.name(), new ContainerFailure(FailureReasons.resourceInitialization(
                        "failed to download env files: " + v.definition().environmentFiles().get(0)
                                + ": berth has no S3 to read environment files from"), Optional.empty(), true));
                recorded = true;
                continue;
            }
            if (Dependencies.readiness(v, views, d.now) instanceof Dependencies.Readiness.Failed failed) {
                d.local = d.local.failed(v.name(), new ContainerFailure(failed.reason(),
                        Optional.of(ContainerFailure.DEPENDENCY_EXIT_CODE), false));
                recorded = true;
            }
        }
        return recorded;
    }

    /** Creates and starts the pause container on the awsvpc network; true once it runs. */
    private boolean awsvpcNamespace() {
        Optional<ContainerObservation> pause = d.pause();
        if (pause.isEmpty()) {
            d.steps.add(new Step.EnsureNetwork(d.awsvpcNetwork(), d.subnet, d.subnet.isEmpty()
                    ? Map.of(BerthLabels.MANAGED, "true")
                    : Map.of(BerthLabels.MANAGED, "true", BerthLabels.CONTROL_PLANE, d.settings.controlPlane())));
            d.steps.add(new Step.EnsurePauseImage(d.settings.pauseImage()));
            var spec = ContainerSpecs.pause(d.settings, d.task, d.awsvpcNetwork());
            d.steps.add(new Step.CreateContainer(TaskLayout.PAUSE, spec, List.of()));
            d.steps.add(new Step.StartContainer(TaskLayout.PAUSE, spec.name()));
            return false;
        }
        if (pause.get().state() == ContainerState.CREATED) {
            d.steps.add(new Step.StartContainer(TaskLayout.PAUSE, pause.get().id()));
            return false;
        }
        return pause.get().state() == ContainerState.RUNNING;
    }

    private void ensureImages() {
        for (ContainerView v : views.values()) {
            if (v.phase() == ContainerPhase.NONE && !d.local.imageDigests().containsKey(v.name())) {
                ImageRef image = ImageRef.of(v.definition().image());
                d.steps.add(new Step.EnsureImage(v.name(), image, registryAuthenticated(image, d.settings),
                        v.definition().repositoryCredentials()));
            }
        }
    }

    /**
     * ECR repositories, and berth's registry at the control plane's own address, need a sign-in
     * before a pull.
     */
    static boolean registryAuthenticated(ImageRef image, AgentSettings settings) {
        String registry = image.registry();
        if (registry.contains(".dkr.ecr.")) {
            return true;
        }
        String authority = java.net.URI.create(settings.controlPlane()).getAuthority();
        if (authority == null || registry.isEmpty()) {
            return false;
        }
        return registry.equals(authority) || registry.replace("localhost:", "127.0.0.1:")
                .equals(authority.replace("localhost:", "127.0.0.1:"));
    }

    private void createAndStart(ContainerView v, Resources resources) {
        AssignedContainer c = v.definition();
        for (TaskLayout.VolumeUse use : TaskLayout.volumes(d.task, c)) {
            if (use instanceof TaskLayout.VolumeUse.Named n) {
                Map<String, String> labels = new LinkedHashMap<>(n.labels());
                if (n.taskScoped()) {
                    labels.putAll(TaskLayout.labels(d.settings, d.task));
                }
                d.steps.add(n.autoprovision()
                        ? new Step.EnsureVolume(c.name(), n.volume(), n.driver(), n.driverOptions(), labels)
                        : new Step.RequireVolume(c.name(), n.volume()));
            }
        }
        var spec = ContainerSpecs.of(d.settings, d.task, c, resources, linkedHosts(c));
        d.steps.add(new Step.CreateContainer(c.name(), spec, c.secrets().stream()
                .map(secret -> new Step.SecretReference(secret.name(), secret.valueFrom())).toList()));
        start(c, spec.name());
    }

    /** Starts a created container; an awslogs container's stream is opened first. */
    private void start(AssignedContainer c, String container) {
        AwsLogsDestination.of(c).ifPresent(logs ->
                d.steps.add(new Step.OpenLogStream(c.name(), container, d.task.taskId(), logs)));
        d.steps.add(new Step.StartContainer(c.name(), container));
    }

    /** Bridge addresses of the containers {@code c} links to, by alias and by name. */
    private Map<String, String> linkedHosts(AssignedContainer c) {
        Map<String, String> hosts = new LinkedHashMap<>();
        if (d.network != TaskNetwork.BRIDGE) {
            return hosts;
        }
        for (String link : c.links()) {
            ContainerView target = views.get(Dependencies.linkTarget(link));
            String ip = target == null ? "" : target.observed()
                    .map(o -> o.ipAddresses().getOrDefault("bridge", "")).orElse("");
            if (!ip.isEmpty()) {
                hosts.put(Dependencies.linkAlias(link), ip);
                hosts.putIfAbsent(Dependencies.linkTarget(link), ip);
            }
        }
        return hosts;
    }

    /**
     * The task is RUNNING once every container runs or has finished; that is reported once with every
     * container. After it, each container that changes is reported on its own.
     */
    private void report() {
        boolean allUp = views.values().stream()
                .allMatch(v -> v.phase() == ContainerPhase.RUNNING || v.phase() == ContainerPhase.STOPPED);
        boolean anyRunning = views.values().stream().anyMatch(v -> v.phase() == ContainerPhase.RUNNING);
        if (allUp && anyRunning && !d.local.knownAtLeast(TaskStatus.RUNNING, d.controlPlaneStatus)) {
            d.taskReports.add(d.taskReport(TaskStatus.RUNNING, views, false));
            return;
        }
        for (ContainerView v : views.values()) {
            if (v.phase() != ContainerPhase.RUNNING && v.phase() != ContainerPhase.STOPPED) {
                continue;
            }
            ContainerReport now = d.report(v, v.phase());
            ContainerReport before = d.local.reportedContainers().get(v.name());
            boolean taskReportedRunning = d.local.knownAtLeast(TaskStatus.RUNNING, d.controlPlaneStatus);
            boolean newlyKnown = before == null ? !taskReportedRunning || v.phase() == ContainerPhase.STOPPED
                    : now.differsFrom(before);
            if (newlyKnown) {
                d.containerReports.add(new ContainerStateReport(d.task.clusterArn(), d.task.taskArn(), now));
            }
        }
    }

    /** Health of the containers and, in awsvpc mode, the task's own address, when they changed. */
    private void observe() {
        boolean anyHealthCheck = views.values().stream().anyMatch(v -> v.definition().hasHealthCheck()
                || v.health() != HealthStatus.NONE);
        String ip = "";
        String mac = "";
        if (d.network == TaskNetwork.AWSVPC) {
            Optional<ContainerObservation> pause = d.pause();
            // the pause joined its subnet's network when it was made, whatever the host decides now
            String subnet = d.task.subnetId();
            String network = pause.filter(p -> !subnet.isEmpty() && p.ipAddresses().containsKey(subnet))
                    .map(p -> subnet).orElse(d.settings.awsvpcNetwork());
            ip = pause.map(p -> p.ipAddresses().getOrDefault(network, "")).orElse("");
            mac = pause.map(p -> p.macAddresses().getOrDefault(network, "")).orElse("");
        }
        if (!anyHealthCheck && ip.isEmpty()) {
            return;
        }
        List<TaskObservation.ContainerHealth> health = new ArrayList<>();
        for (ContainerView v : views.values()) {
            if (v.observed().isPresent()) {
                health.add(new TaskObservation.ContainerHealth(v.name(), v.runtimeId(), ecsHealth(v.health())));
            }
        }
        TaskObservation observation = new TaskObservation(d.task.clusterArn(), d.task.taskArn(), health, ip, mac);
        if (!d.local.reportedObservation().equals(Optional.of(observation))) {
            d.observations.add(observation);
        }
    }

    static String ecsHealth(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> "HEALTHY";
            case UNHEALTHY -> "UNHEALTHY";
            case NONE, STARTING -> "UNKNOWN";
        };
    }
}
