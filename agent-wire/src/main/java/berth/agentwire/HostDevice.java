package berth.agentwire;

import java.util.List;

/** A host device exposed to a container; {@code permissions} are {@code read}, {@code write}, {@code mknod} (all when empty). */
public record HostDevice(String hostPath, String containerPath, List<String> permissions) {
    public HostDevice {
        hostPath = WireValues.text(hostPath);
        containerPath = WireValues.text(containerPath);
        permissions = WireValues.list(permissions);
    }
}
