package berth.ecs.core.taskdef;

import java.util.List;
import java.util.Objects;

/**
 * Linux-specific container settings. {@code sharedMemorySizeMiB} is 0 when unset;
 * {@code maxSwapMiB} and {@code swappiness} are {@link #UNSET} when unset (0 is a real value for both).
 */
public record LinuxParameters(boolean initProcessEnabled, List<String> capabilitiesAdd, List<String> capabilitiesDrop,
                              List<Device> devices, int sharedMemorySizeMiB, List<Tmpfs> tmpfs, int maxSwapMiB,
                              int swappiness) {
    public static final int UNSET = -1;
    private static final LinuxParameters NONE =
            new LinuxParameters(false, List.of(), List.of(), List.of(), 0, List.of(), UNSET, UNSET);

    /** A host device exposed to the container. */
    public record Device(String hostPath, String containerPath, List<String> permissions) {
        public Device {
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(containerPath, "containerPath");
            permissions = List.copyOf(permissions);
        }
    }

    /** A tmpfs mount of {@code sizeMiB}. */
    public record Tmpfs(String containerPath, int sizeMiB, List<String> mountOptions) {
        public Tmpfs {
            Objects.requireNonNull(containerPath, "containerPath");
            mountOptions = List.copyOf(mountOptions);
        }
    }

    public LinuxParameters {
        capabilitiesAdd = List.copyOf(capabilitiesAdd);
        capabilitiesDrop = List.copyOf(capabilitiesDrop);
        devices = List.copyOf(devices);
        tmpfs = List.copyOf(tmpfs);
    }

    /** No Linux parameters: what a container without {@code linuxParameters} has. */
    public static LinuxParameters none() {
        return NONE;
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
