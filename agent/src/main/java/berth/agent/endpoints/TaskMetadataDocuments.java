package berth.agent.endpoints;

import berth.agent.core.TaskLayout;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents of the task metadata endpoint version 4, in AWS's shapes: the container document
 * ({@code ${ECS_CONTAINER_METADATA_URI_V4}}) and the task document ({@code .../task}), built from the
 * assignment and what the engine reports about the task's containers.
 */
final class TaskMetadataDocuments {
    private TaskMetadataDocuments() {}

    static Map<String, Object> task(AssignedTask task, List<ContainerObservation> observed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Cluster", task.clusterArn());
        doc.put("TaskARN", task.taskArn());
        doc.put("Family", task.family());
        doc.put("Revision", Integer.toString(task.revision()));
        doc.put("DesiredStatus", task.desiredStatus());
        doc.put("KnownStatus", task.lastStatus());
        Map<String, Object> limits = new LinkedHashMap<>();
        if (task.cpuUnits() > 0) {
            limits.put("CPU", task.cpuUnits() / 1024.0);
        }
        if (task.memoryMiB() > 0) {
            limits.put("Memory", task.memoryMiB());
        }
        doc.put("Limits", limits);
        observed.stream().map(ContainerObservation::startedAt).flatMap(Optional::stream).min(Instant::compareTo)
                .ifPresent(started -> doc.put("PullStoppedAt", started.toString()));
        doc.put("PullStartedAt", task.createdAt().toString());
        doc.put("LaunchType", task.launchType());
        doc.put("AvailabilityZone", "");
        List<Object> containers = new ArrayList<>();
        for (AssignedContainer c : task.containers()) {
            containers.add(container(task, c, observed));
        }
        doc.put("Containers", containers);
        return doc;
    }

    static Map<String, Object> container(AssignedTask task, AssignedContainer definition,
                                         List<ContainerObservation> observed) {
        Optional<ContainerObservation> seen = observed.stream()
                .filter(o -> definition.name().equals(o.labels().get(BerthLabels.CONTAINER_NAME))).findFirst();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("DockerId", seen.map(ContainerObservation::id).orElse(""));
        doc.put("Name", definition.name());
        doc.put("DockerName", TaskLayout.hostName(task, definition.name()));
        doc.put("Image", definition.image());
        doc.put("ImageID", seen.map(ContainerObservation::imageId).orElse(""));
        doc.put("Labels", seen.map(ContainerObservation::labels).orElse(Map.of()));
        doc.put("DesiredStatus", task.desiredStatus());
        doc.put("KnownStatus", seen.map(TaskMetadataDocuments::knownStatus).orElse("PENDING"));
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("CPU", definition.cpu());
        if (definition.memoryMiB() > 0) {
            limits.put("Memory", definition.memoryMiB());
        }
        doc.put("Limits", limits);
        seen.flatMap(ContainerObservation::exitCode).ifPresent(code -> doc.put("ExitCode", code));
        seen.flatMap(ContainerObservation::startedAt).ifPresent(t -> doc.put("StartedAt", t.toString()));
        seen.flatMap(ContainerObservation::finishedAt).ifPresent(t -> doc.put("FinishedAt", t.toString()));
        doc.put("Type", "NORMAL");
        doc.put("ContainerARN", task.taskArn().replace(":task/", ":container/") + "/" + definition.name());
        if (definition.hasLogConfiguration()) {
            doc.put("LogDriver", definition.logConfiguration().logDriver());
            doc.put("LogOptions", definition.logConfiguration().options());
        }
        List<Object> networks = new ArrayList<>();
        seen.ifPresent(o -> o.ipAddresses().forEach((network, address) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("NetworkMode", task.networkMode());
            n.put("IPv4Addresses", List.of(address));
            networks.add(n);
        }));
        doc.put("Networks", networks);
        return doc;
    }

    private static String knownStatus(ContainerObservation o) {
        return switch (o.state()) {
            case CREATED -> "CREATED";
            case RUNNING, PAUSED, RESTARTING -> "RUNNING";
            case REMOVING, EXITED, DEAD -> "STOPPED";
        };
    }
}
