package berth.agent.core;

import berth.agent.runtime.LinuxOptions;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.LinuxFeatures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's Linux process settings from its definition and its task: capabilities, devices,
 * shared memory, swap, system controls, security options, terminal, volumes of other containers, and
 * the task's PID and IPC namespaces. A task-wide namespace ({@code pidMode}/{@code ipcMode}
 * {@code task}) is held by the awsvpc pause container, or else by the task's first container, which
 * the others join.
 */
final class LinuxSettings {

    static final String TASK = AssignedTask.TASK_NAMESPACE;

    private LinuxSettings() {}

    static LinuxOptions of(AssignedTask task, AssignedContainer c, TaskNetwork network) {
        LinuxFeatures p = c.linuxParameters();
        Map<String, String> sysctls = new LinkedHashMap<>(c.systemControls());
        List<LinuxOptions.VolumesFrom> volumesFrom = c.volumesFrom().stream()
                .map(v -> new LinuxOptions.VolumesFrom(TaskLayout.hostName(task, v.sourceContainer()), v.readOnly()))
                .toList();
        List<LinuxOptions.Device> devices = p.devices().stream()
                .map(d -> new LinuxOptions.Device(d.hostPath(), d.containerPath(), permissions(d.permissions())))
                .toList();
        return new LinuxOptions(p.capabilitiesAdd(), p.capabilitiesDrop(), devices, p.sharedMemorySizeMiB(),
                p.maxSwapMiB() == LinuxFeatures.UNSET ? LinuxOptions.UNSET : p.maxSwapMiB(),
                p.swappiness() == LinuxFeatures.UNSET ? LinuxOptions.UNSET : p.swappiness(), sysctls,
                c.dockerSecurityOptions(), namespace(task, c, network, task.pidMode(), false),
                namespace(task, c, network, task.ipcMode(), true), c.pseudoTerminal(), c.interactive(),
                volumesFrom);
    }

    /** The pause container shares its IPC namespace when the task asks for a task-wide one. */
    static LinuxOptions pause(AssignedTask task) {
        boolean sharedIpc = TASK.equals(task.ipcMode());
        return sharedIpc ? new LinuxOptions(List.of(), List.of(), List.of(), 0, LinuxOptions.UNSET, LinuxOptions.UNSET,
                Map.of(), List.of(), "", "shareable", false, false, List.of()) : LinuxOptions.NONE;
    }

    /** The container holding the task-wide namespaces when the pause container does not: the first one. */
    static Optional<AssignedContainer> namespaceHolder(AssignedTask task, TaskNetwork network) {
        boolean taskWide = TASK.equals(task.pidMode()) || TASK.equals(task.ipcMode());
        if (!taskWide || network == TaskNetwork.AWSVPC) {
            return Optional.empty();
        }
        return task.containers().stream().findFirst();
    }

    private static String namespace(AssignedTask task, AssignedContainer c, TaskNetwork network, String mode,
                                    boolean ipc) {
        if (!TASK.equals(mode)) {
            return mode;
        }
        if (network == TaskNetwork.AWSVPC) {
            return "container:" + TaskLayout.hostName(task, TaskLayout.PAUSE);
        }
        AssignedContainer holder = namespaceHolder(task, network).orElseThrow();
        if (holder.name().equals(c.name())) {
            return ipc ? "shareable" : "";
        }
        return "container:" + TaskLayout.hostName(task, holder.name());
    }

    /** ECS's {@code read}, {@code write}, {@code mknod} as the engine's {@code rwm}. */
    private static String permissions(List<String> ecs) {
        if (ecs.isEmpty()) {
            return "rwm";
        }
        StringBuilder out = new StringBuilder();
        if (ecs.contains("read")) {
            out.append('r');
        }
        if (ecs.contains("write")) {
            out.append('w');
        }
        if (ecs.contains("mknod")) {
            out.append('m');
        }
        return out.toString();
    }
}
