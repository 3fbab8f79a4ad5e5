package berth.agent.core;

import berth.agent.runtime.BerthLabels;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.DockerVolumeSettings;
import berth.agentwire.TaskVolume;
import berth.agentwire.VolumeMount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one task is laid out on the host: the names of its containers and volumes and the labels that
 * let a restarted agent find them again.
 */
public final class TaskLayout {

    /** The container name ECS's own agent gives the container holding an awsvpc task's namespace. */
    public static final String PAUSE = "~internal~ecs~pause";
    private static final int MAX_NAME = 255;

    private TaskLayout() {}

    /** {@code berth-<task id>-<container name>}: unique on the host, readable in {@code docker ps}. */
    public static String hostName(AssignedTask task, String containerName) {
        if (containerName.equals(PAUSE)) {
            return "berth-" + task.taskId() + ".pause";
        }
        String name = "berth-" + task.taskId() + "-" + containerName;
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** A task-scoped volume's name on the host: {@code berth-<task id>-<volume name>}. */
    public static String taskVolumeName(AssignedTask task, String volumeName) {
        String name = "berth-" + task.taskId() + "-" + volumeName;
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** The labels of everything this agent creates for {@code task}. */
    public static Map<String, String> labels(AgentSettings settings, AssignedTask task) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.MANAGED, "true");
        labels.put(BerthLabels.TASK_ARN, task.taskArn());
        labels.put(BerthLabels.INSTANCE, settings.containerInstanceArn());
        labels.put(BerthLabels.CLUSTER, task.clusterArn());
        labels.put(BerthLabels.AGENT, settings.agentId());
        labels.put(BerthLabels.CONTROL_PLANE, settings.controlPlane());
        return labels;
    }

    /** The labels of one container of {@code task}. */
    public static Map<String, String> containerLabels(AgentSettings settings, AssignedTask task, String containerName,
                                                      List<String> taskVolumes) {
        Map<String, String> labels = labels(settings, task);
        labels.put(BerthLabels.CONTAINER_NAME, containerName);
        if (!taskVolumes.isEmpty()) {
            labels.put(BerthLabels.TASK_VOLUMES, String.join(",", taskVolumes));
        }
        return labels;
    }

    /** How a container's mount point is backed on the host. */
    public sealed interface VolumeUse {
        String containerPath();

        boolean readOnly();

        /** A host directory. */
        record HostPath(String hostPath, String containerPath, boolean readOnly) implements VolumeUse {}

        /**
         * An engine volume: task-scoped ones are created for the task and removed with it; shared ones
         * are kept and, with {@code autoprovision}, created when missing.
         */
        record Named(String volume, String containerPath, boolean readOnly, boolean taskScoped, boolean autoprovision,
                     String driver, Map<String, String> driverOptions, Map<String, String> labels)
                implements VolumeUse {}
    }

    /** The backing of each of {@code container}'s mount points, in order; mount points naming no volume are skipped. */
    public static List<VolumeUse> volumes(AssignedTask task, AssignedContainer container) {
        List<VolumeUse> uses = new ArrayList<>();
        for (VolumeMount mount : container.mountPoints()) {
            Optional<TaskVolume> volume = task.volume(mount.sourceVolume());
            if (volume.isEmpty()) {
                continue;
            }
            TaskVolume v = volume.get();
            if (!v.hostSourcePath().isEmpty()) {
                uses.add(new VolumeUse.HostPath(v.hostSourcePath(), mount.containerPath(), mount.readOnly()));
                continue;
            }
            DockerVolumeSettings docker = v.docker();
            boolean shared = docker.shared();
            String driver = docker.driver().isEmpty() ? "local" : docker.driver();
            Map<String, String> labels = new HashMap<>(docker.labels());
            if (shared) {
                uses.add(new VolumeUse.Named(v.name(), mount.containerPath(), mount.readOnly(), false,
                        docker.autoprovision(), driver, docker.driverOpts(), labels));
            } else {
                uses.add(new VolumeUse.Named(taskVolumeName(task, v.name()), mount.containerPath(), mount.readOnly(),
                        true, true, driver, docker.driverOpts(), labels));
            }
        }
        return uses;
    }

    /** The task-scoped volumes {@code container} mounts, by host name. */
    public static List<String> taskVolumes(AssignedTask task, AssignedContainer container) {
        return volumes(task, container).stream()
                .filter(u -> u instanceof VolumeUse.Named n && n.taskScoped())
                .map(u -> ((VolumeUse.Named) u).volume())
                .distinct()
                .toList();
    }
}
