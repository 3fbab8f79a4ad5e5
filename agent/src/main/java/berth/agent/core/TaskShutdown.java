package berth.agent.core;

import berth.agentwire.DependsOn;
import java.time.Duration;
import java.util.Map;

/**
 * Stops a task: containers in reverse dependency order (a container stops once every running
 * container depending on it has stopped), SIGTERM then SIGKILL after each one's stop timeout; then
 * the pause container. Once nothing runs, the task is reported STOPPED, and after the cleanup wait
 * its containers and task-scoped volumes are removed.
 */
final class TaskShutdown {

    private final TaskDecision d;
    private final Map<String, ContainerView> views;

    TaskShutdown(TaskDecision decision, Map<String, ContainerView> views) {
        this.d = decision;
        this.views = views;
    }

    void run() {
        boolean anyRunning = false;
        for (ContainerView v : views.values()) {
            if (v.phase() != ContainerPhase.RUNNING) {
                continue;
            }
            anyRunning = true;
            if (!hasRunningDependents(v)) {
                d.steps.add(new Step.StopContainer(v.name(), v.runtimeId(),
                        ContainerSpecs.stopTimeout(d.task, v.definition())));
            }
        }
        if (anyRunning) {
            return;
        }
        d.local = d.local.allStoppedAt(d.now);
        if (d.pauseRunning()) {
            // the task's address is released before the task is reported STOPPED
            d.steps.add(new Step.StopContainer(TaskLayout.PAUSE, d.pause().orElseThrow().id(), Duration.ZERO));
            return;
        }
        if (!d.local.knownAtLeast(TaskStatus.STOPPED, d.controlPlaneStatus)) {
            if (ranBeforeItStopped()) {
                // ECS's agent reports RUNNING before STOPPED even when the task's process exits at once
                d.taskReports.add(d.taskReport(TaskStatus.RUNNING, views, false));
            }
            d.taskReports.add(d.taskReport(TaskStatus.STOPPED, views, true));
            return;
        }
        boolean waited = !d.now.isBefore(d.local.stoppedAt().orElseThrow().plus(d.cleanupWait()));
        if (waited && !d.local.cleanedUp()) {
            d.cleanUp();
        }
    }

    /** The task was never reported RUNNING, yet every essential container started and none failed to. */
    private boolean ranBeforeItStopped() {
        if (d.local.knownAtLeast(TaskStatus.RUNNING, d.controlPlaneStatus)) {
            return false;
        }
        return views.values().stream().filter(v -> v.definition().essential())
                .allMatch(v -> v.started() && !v.failed(d.local));
    }

    private boolean hasRunningDependents(ContainerView target) {
        for (ContainerView other : views.values()) {
            if (other == target || other.phase() != ContainerPhase.RUNNING) {
                continue;
            }
            for (DependsOn dependency : Dependencies.of(other)) {
                if (dependency.containerName().equals(target.name())) {
                    return true;
                }
            }
        }
        return false;
    }
}
