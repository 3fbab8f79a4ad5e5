package berth.agent.docker;

import berth.agent.runtime.LinuxOptions;
import berth.agent.runtime.Resources;
import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.VolumesFrom;
import java.util.List;
import java.util.Locale;

/** Writes a spec's {@link LinuxOptions} into the engine's host config. */
final class LinuxTranslation {

    private static final long MIB = 1024L * 1024L;

    private LinuxTranslation() {}

    static void apply(LinuxOptions linux, Resources resources, HostConfig host) {
        if (!linux.capabilitiesAdd().isEmpty()) {
            host.withCapAdd(capabilities(linux.capabilitiesAdd()));
        }
        if (!linux.capabilitiesDrop().isEmpty()) {
            host.withCapDrop(capabilities(linux.capabilitiesDrop()));
        }
        if (!linux.devices().isEmpty()) {
            host.withDevices(linux.devices().stream()
                    .map(d -> new Device(d.permissions().isEmpty() ? "rwm" : d.permissions(),
                            d.containerPath().isEmpty() ? d.hostPath() : d.containerPath(), d.hostPath()))
                    .toList());
        }
        if (linux.sharedMemoryMiB() > 0) {
            host.withShmSize(linux.sharedMemoryMiB() * MIB);
        }
        if (linux.maxSwapMiB() != LinuxOptions.UNSET && resources.memoryLimitMiB() > 0) {
            // the engine's limit counts memory and swap together
            host.withMemorySwap((resources.memoryLimitMiB() + linux.maxSwapMiB()) * MIB);
        }
        if (linux.swappiness() != LinuxOptions.UNSET) {
            host.withMemorySwappiness((long) linux.swappiness());
        }
        if (!linux.sysctls().isEmpty()) {
            host.withSysctls(linux.sysctls());
        }
        if (!linux.securityOptions().isEmpty()) {
            host.withSecurityOpts(linux.securityOptions());
        }
        if (!linux.pidMode().isEmpty()) {
            host.withPidMode(linux.pidMode());
        }
        if (!linux.ipcMode().isEmpty()) {
            host.withIpcMode(linux.ipcMode());
        }
        if (!linux.volumesFrom().isEmpty()) {
            host.withVolumesFrom(linux.volumesFrom().stream()
                    .map(v -> new VolumesFrom(v.container(), v.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
    }

    /** ECS writes capabilities as {@code NET_ADMIN} or {@code CAP_NET_ADMIN}, any case. */
    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> {
            String plain = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                return Capability.valueOf(plain);
            } catch (IllegalArgumentException e) {
                throw new RuntimeFailure.Rejected("unknown Linux capability: " + name, e);
            }
        }).toArray(Capability[]::new);
    }
}
