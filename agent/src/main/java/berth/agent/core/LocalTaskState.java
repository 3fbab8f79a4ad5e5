package berth.agent.core;

import berth.agentwire.TaskObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent remembers about one task beyond what the engine shows: the containers it created,
 * images it pulled, failures the engine cannot show, its own decision to stop the task, and what it
 * has already reported. Lost on an agent restart by design: the engine's containers (found by label)
 * and the control plane's last status are enough to converge again.
 *
 * @param expectsContainers the task was already RUNNING (or ACTIVATING) when this agent first saw it, so
 *                          a container of it missing on the host has vanished rather than not been
 *                          created yet
 * @param createdIds        the engine id of every container this agent created, by container name
 * @param imageDigests      the containers whose image is present, with the image's manifest digest
 *                          (empty for local images)
 * @param reported          the latest task status the control plane accepted from this agent
 * @param reportedContainers what the control plane last accepted about each container
 * @param stoppedAt         when every container of the task had stopped
 */
public record LocalTaskState(String taskArn, Instant firstSeenAt, boolean expectsContainers,
                             Map<String, String> createdIds, Map<String, String> imageDigests,
                             Optional<Instant> pullStartedAt, Optional<Instant> pullStoppedAt,
                             Map<String, ContainerFailure> failures, Optional<StopDecision> stop,
                             TaskStatus reported, Map<String, ContainerReport> reportedContainers,
                             Optional<TaskObservation> reportedObservation, Optional<Instant> stoppedAt,
                             boolean cleanedUp) {

    public LocalTaskState {
        createdIds = Map.copyOf(createdIds);
        imageDigests = Map.copyOf(imageDigests);
        failures = Map.copyOf(failures);
        reportedContainers = Map.copyOf(reportedContainers);
    }

    /** A task first seen at {@code now}, whose control-plane status is {@code lastStatus}. */
    public static LocalTaskState first(String taskArn, TaskStatus lastStatus, Instant now) {
        // ACTIVATING follows the agent's own RUNNING report (awsvpc tasks wait there for their address)
        boolean running = !TaskStatus.ACTIVATING.after(lastStatus) && lastStatus != TaskStatus.STOPPED;
        return new LocalTaskState(taskArn, now, running, Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty(), lastStatus, Map.of(), Optional.empty(), Optional.empty(), false);
    }

    public LocalTaskState created(String containerName, String containerId) {
        return with(b -> b.createdIds.put(containerName, containerId));
    }

    /** The image of {@code containerName} is present; the pull, if any, ran from {@code started} to {@code stopped}. */
    public LocalTaskState pulled(String containerName, String digest, Instant started, Instant stopped) {
        return with(b -> {
            b.imageDigests.put(containerName, digest);
            b.pullStartedAt = Optional.of(b.pullStartedAt.filter(s -> s.isBefore(started)).orElse(started));
            b.pullStoppedAt = Optional.of(b.pullStoppedAt.filter(s -> s.isAfter(stopped)).orElse(stopped));
        });
    }

    public LocalTaskState failed(String containerName, ContainerFailure failure) {
        return failures.containsKey(containerName) ? this : with(b -> b.failures.put(containerName, failure));
    }

    public LocalTaskState stopping(StopDecision decision) {
        return stop.isPresent() ? this : with(b -> b.stop = Optional.of(decision));
    }

    /** The control plane accepted {@code report}. */
    public LocalTaskState reported(TaskReport report) {
        return with(b -> {
            b.reported = TaskStatus.latest(b.reported, report.status());
            report.containers().forEach(c -> b.reportedContainers.put(c.containerName(), c));
        });
    }

    public LocalTaskState containerReported(ContainerReport report) {
        return with(b -> b.reportedContainers.put(report.containerName(), report));
    }

    public LocalTaskState observed(TaskObservation observation) {
        return with(b -> b.reportedObservation = Optional.of(observation));
    }

    public LocalTaskState allStoppedAt(Instant at) {
        return stoppedAt.isPresent() ? this : with(b -> b.stoppedAt = Optional.of(at));
    }

    public LocalTaskState cleaned() {
        return with(b -> b.cleanedUp = true);
    }

    /** Whether the agent has reported, or the control plane already holds, status {@code status} or later. */
    public boolean knownAtLeast(TaskStatus status, TaskStatus controlPlaneStatus) {
        return !status.after(TaskStatus.latest(reported, controlPlaneStatus));
    }

    private LocalTaskState with(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new LocalTaskState(taskArn, firstSeenAt, expectsContainers, d.createdIds, d.imageDigests,
                d.pullStartedAt, d.pullStoppedAt, d.failures, d.stop, d.reported, d.reportedContainers,
                d.reportedObservation, d.stoppedAt, d.cleanedUp);
    }

    /** The mutable fields of one change. */
    private static final class Draft {
        final Map<String, String> createdIds;
        final Map<String, String> imageDigests;
        Optional<Instant> pullStartedAt;
        Optional<Instant> pullStoppedAt;
        final Map<String, ContainerFailure> failures;
        Optional<StopDecision> stop;
        TaskStatus reported;
        final Map<String, ContainerReport> reportedContainers;
        Optional<TaskObservation> reportedObservation;
        Optional<Instant> stoppedAt;
        boolean cleanedUp;

        Draft(LocalTaskState s) {
            createdIds = new HashMap<>(s.createdIds);
            imageDigests = new HashMap<>(s.imageDigests);
            pullStartedAt = s.pullStartedAt;
            pullStoppedAt = s.pullStoppedAt;
            failures = new HashMap<>(s.failures);
            stop = s.stop;
            reported = s.reported;
            reportedContainers = new HashMap<>(s.reportedContainers);
            reportedObservation = s.reportedObservation;
            stoppedAt = s.stoppedAt;
            cleanedUp = s.cleanedUp;
        }
    }
}
