package berth.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * The Linux process settings of a container beyond the common ones: ECS {@code linuxParameters}
 * (capabilities, devices, shared memory, swap), {@code systemControls}, {@code dockerSecurityOptions},
 * {@code interactive} and {@code pseudoTerminal}, {@code volumesFrom}, and the task's {@code pidMode}
 * and {@code ipcMode}.
 *
 * @param sharedMemoryMiB size of {@code /dev/shm}, 0 for the engine's default
 * @param maxSwapMiB      swap the container may use beyond its memory limit, {@link #UNSET} for the
 *                        engine's default
 * @param swappiness      0..100, {@link #UNSET} for the engine's default
 * @param pidMode         {@code host} or empty for the container's own namespace
 * @param ipcMode         {@code host}, {@code none} or empty for the container's own namespace
 */
public record LinuxOptions(List<String> capabilitiesAdd, List<String> capabilitiesDrop, List<Device> devices,
                           int sharedMemoryMiB, int maxSwapMiB, int swappiness, Map<String, String> sysctls,
                           List<String> securityOptions, String pidMode, String ipcMode, boolean tty,
                           boolean interactive, List<VolumesFrom> volumesFrom) {

    public static final int UNSET = -1;
    public static final LinuxOptions NONE = new LinuxOptions(List.of(), List.of(), List.of(), 0, UNSET, UNSET,
            Map.of(), List.of(), "", "", false, false, List.of());

    /** A host device made available inside the container, with {@code permissions} among r, w and m. */
    public record Device(String hostPath, String containerPath, String permissions) {}

    /** The volumes of another container, by its engine name or id. */
    public record VolumesFrom(String container, boolean readOnly) {}

    public LinuxOptions {
        capabilitiesAdd = List.copyOf(capabilitiesAdd);
        capabilitiesDrop = List.copyOf(capabilitiesDrop);
        devices = List.copyOf(devices);
        sysctls = Map.copyOf(sysctls);
        securityOptions = List.copyOf(securityOptions);
        volumesFrom = List.copyOf(volumesFrom);
        if (sharedMemoryMiB < 0) {
            throw new IllegalArgumentException("shared memory size is negative");
        }
        if (swappiness != UNSET && (swappiness < 0 || swappiness > 100)) {
            throw new IllegalArgumentException("swappiness must be 0..100: " + swappiness);
        }
    }
}
