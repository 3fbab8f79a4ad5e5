package berth.agentwire;

import java.util.List;

/**
 * A container's Linux settings (ECS's {@code linuxParameters}); {@link #NONE} when it has none.
 * {@code sharedMemorySizeMiB} is 0 when unset; {@code maxSwapMiB} and {@code swappiness} are
 * {@link #UNSET} when unset (0 is a real value for both).
 */
public record LinuxFeatures(boolean initProcessEnabled, List<String> capabilitiesAdd, List<String> capabilitiesDrop,
                            List<HostDevice> devices, int sharedMemorySizeMiB, List<TmpfsMount> tmpfs,
                            int maxSwapMiB, int swappiness) {
    public static final int UNSET = -1;
    public static final LinuxFeatures NONE =
            new LinuxFeatures(false, List.of(), List.of(), List.of(), 0, List.of(), UNSET, UNSET);

    public LinuxFeatures {
        capabilitiesAdd = WireValues.list(capabilitiesAdd);
        capabilitiesDrop = WireValues.list(capabilitiesDrop);
        devices = WireValues.list(devices);
        tmpfs = WireValues.list(tmpfs);
    }
}
