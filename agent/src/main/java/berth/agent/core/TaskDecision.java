package berth.agent.core;

import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.NetworkBinding;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.TaskObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision for one assigned task: from its assignment, its containers on the host and the agent's
 * record, the next engine steps, the reports due and the updated record. A task desired RUNNING
 * progresses ({@link TaskProgress}); one desired STOPPED, or stopped by the agent because an
 * essential container exited or a container could not start, shuts down ({@link TaskShutdown}).
 */
final class TaskDecision {

    final AgentSettings settings;
    final AssignedTask task;
    final Map<String, ContainerObservation> observed;
    final Instant now;
    final TaskStatus controlPlaneStatus;
    final TaskNetwork network;
    /** The network of the task's subnet, when the agent gives awsvpc tasks of that subnet its addresses. */
    final Optional<SubnetNetwork> subnet;
    LocalTaskState local;
    final List<Step> steps = new ArrayList<>();
    final List<TaskReport> taskReports = new ArrayList<>();
    final List<ContainerStateReport> containerReports = new ArrayList<>();
    final List<TaskObservation> observations = new ArrayList<>();

    TaskDecision(AgentSettings settings, AssignedTask task, Map<String, ContainerObservation> observed,
                 LocalTaskState local, Instant now, Map<String, SubnetNetwork> subnets) {
        this.settings = settings;
        this.task = task;
        this.observed = observed;
        this.local = local;
        this.now = now;
        this.controlPlaneStatus = TaskStatus.of(task.lastStatus());
        this.network = TaskNetwork.of(task, settings);
        this.subnet = network == TaskNetwork.AWSVPC ? Optional.ofNullable(subnets.get(task.subnetId())) : Optional.empty();
    }

    /** The network the task's pause container joins: its subnet's, else the agent's awsvpc network. */
    String awsvpcNetwork() {
        return subnet.map(SubnetNetwork::name).orElse(settings.awsvpcNetwork());
    }

    void decide() {
        boolean wantRunning = "RUNNING".equals(task.desiredStatus()) && controlPlaneStatus != TaskStatus.STOPPED;
        // a dependency found unresolvable may stop the task: decide again with that failure recorded
        for (int pass = 0; pass < 3 && wantRunning && local.stop().isEmpty(); pass++) {
            Map<String, ContainerView> views = views();
            Optional<StopDecision> stop = stopDecision(views);
            if (stop.isPresent()) {
                local = local.stopping(stop.get());
                break;
            }
            if (!new TaskProgress(this, views).run()) {
                return;
            }
        }
        if (local.stop().isPresent() || !wantRunning) {
            new TaskShutdown(this, views()).run();
        }
    }

    /** Every container of the task, in definition order. */
    Map<String, ContainerView> views() {
        Map<String, ContainerView> views = new LinkedHashMap<>();
        for (AssignedContainer c : task.containers()) {
            views.put(c.name(), ContainerView.of(c, Optional.ofNullable(observed.get(c.name())), local));
        }
        return views;
    }

    Optional<ContainerObservation> pause() {
        return Optional.ofNullable(observed.get(TaskLayout.PAUSE));
    }

    /**
     * Why the agent must stop a task still desired RUNNING: an image that cannot be pulled, or an
     * essential container that stopped (failed to start: TaskFailedToStart with its reason; exited or
     * vanished: EssentialContainerExited).
     */
    private Optional<StopDecision> stopDecision(Map<String, ContainerView> views) {
        for (ContainerView v : views.values()) {
            ContainerFailure failure = local.failures().get(v.name());
            boolean stopsTask = failure != null && failure.stopsTask();
            if (v.phase() != ContainerPhase.STOPPED || !(v.definition().essential() || stopsTask)) {
                continue;
            }
            if (failure != null && !v.started()) {
                return Optional.of(new StopDecision(StopDecision.TASK_FAILED_TO_START, failure.reason(), now));
            }
            return Optional.of(new StopDecision(StopDecision.ESSENTIAL_CONTAINER_EXITED,
                    FailureReasons.ESSENTIAL_CONTAINER_EXITED, now));
        }
        if (network == TaskNetwork.AWSVPC) {
            ContainerFailure pauseFailure = local.failures().get(TaskLayout.PAUSE);
            if (pauseFailure != null) {
                return Optional.of(new StopDecision(StopDecision.TASK_FAILED_TO_START, pauseFailure.reason(), now));
            }
            Optional<ContainerObservation> pause = pause();
            boolean vanished = pause.isEmpty() && (local.createdIds().containsKey(TaskLayout.PAUSE)
                    || local.expectsContainers());
            boolean exited = pause.isPresent() && pause.get().state().stopped();
            if (vanished || exited) {
                return Optional.of(new StopDecision(StopDecision.TASK_FAILED_TO_START,
                        FailureReasons.PAUSE_CONTAINER_EXITED, now));
            }
        }
        return Optional.empty();
    }

    /** The limits of each container ({@link TaskResourceSplit}). */
    Map<String, Resources> resources() {
        return TaskResourceSplit.of(task);
    }

    /** What ECS should hear about {@code v} now. */
    ContainerReport report(ContainerView v, ContainerPhase phase) {
        return new ContainerReport(v.name(), v.runtimeId(), phase.ecsStatus(),
                phase == ContainerPhase.STOPPED ? v.exitCode() : Optional.empty(),
                phase == ContainerPhase.STOPPED ? v.reason() : "",
                phase == ContainerPhase.RUNNING ? bindings(v) : List.of(),
                local.imageDigests().getOrDefault(v.name(), ""));
    }

    /**
     * The host ports a running container is reachable at: what the engine bound in bridge mode, the
     * container ports themselves in host mode, none otherwise.
     */
    private List<NetworkBinding> bindings(ContainerView v) {
        return switch (network) {
            case BRIDGE -> v.observed().map(ContainerObservation::networkBindings).orElse(List.of());
            case HOST -> v.definition().portMappings().stream()
                    .map(p -> new NetworkBinding("0.0.0.0", p.containerPort(), p.containerPort(),
                            p.udp() ? TransportProtocol.UDP : TransportProtocol.TCP))
                    .toList();
            case NONE, AWSVPC -> List.of();
        };
    }

    TaskReport taskReport(TaskStatus status, Map<String, ContainerView> views, boolean stopping) {
        List<ContainerReport> containers = new ArrayList<>();
        for (ContainerView v : views.values()) {
            ContainerPhase phase = stopping && v.phase() != ContainerPhase.RUNNING ? ContainerPhase.STOPPED : v.phase();
            containers.add(report(v, phase));
        }
        String reason = status == TaskStatus.STOPPED ? local.stop().map(StopDecision::reason).orElse("") : "";
        return new TaskReport(task.clusterArn(), task.taskArn(), status, reason, containers, local.pullStartedAt(),
                local.pullStoppedAt(), status == TaskStatus.STOPPED ? local.stoppedAt() : Optional.empty());
    }

    /** Removes every container of the task from the host, and its task-scoped volumes. */
    void cleanUp() {
        for (Map.Entry<String, ContainerObservation> e : observed.entrySet()) {
            if (!e.getKey().equals(TaskLayout.PAUSE)) {
                steps.add(new Step.RemoveContainer(e.getKey(), e.getValue().id()));
            }
        }
        pause().ifPresent(p -> steps.add(new Step.RemoveContainer(TaskLayout.PAUSE, p.id())));
        task.containers().stream()
                .flatMap(c -> TaskLayout.taskVolumes(task, c).stream())
                .distinct()
                .forEach(v -> steps.add(new Step.RemoveVolume(v)));
        pause().ifPresent(p -> TaskReconciler.subnetNetworks(p).forEach(n -> steps.add(new Step.RemoveNetwork(n))));
    }

    boolean pauseRunning() {
        return pause().map(p -> p.state() == ContainerState.RUNNING).orElse(false);
    }

    Duration cleanupWait() {
        return settings.cleanupWait();
    }
}
