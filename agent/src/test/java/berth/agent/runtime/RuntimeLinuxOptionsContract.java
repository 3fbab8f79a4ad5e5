package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link LinuxOptions} part of the {@link Runtime} contract: capabilities, shared memory, system
 * controls, a terminal, another container's volumes and the host's PID namespace take effect.
 */
public abstract class RuntimeLinuxOptionsContract extends RuntimeContractLifecycle {

    private static LinuxOptions options(List<String> drop, int shmMiB, Map<String, String> sysctls, String pidMode,
                                        boolean tty, List<LinuxOptions.VolumesFrom> volumesFrom) {
        return new LinuxOptions(List.of(), drop, List.of(), shmMiB, LinuxOptions.UNSET, LinuxOptions.UNSET, sysctls,
                List.of("no-new-privileges"), pidMode, "", tty, false, volumesFrom);
    }

    @Test
    void appliesCapabilitiesSharedMemorySystemControlsAndATerminal() {
        String id = run.createAndStart(run.shell("tuned", "touch /tmp/f; chown 65534 /tmp/f 2>/dev/null && echo chown-ok"
                        + " || echo chown-denied; df -m /dev/shm | tail -1 | awk '{print $2}';"
                        + " cat /proc/sys/net/ipv4/ip_local_port_range; test -t 1 && echo has-tty")
                .linux(options(List.of("CHOWN"), 16, Map.of("net.ipv4.ip_local_port_range", "40000 40100"), "", true,
                        List.of()))
                .build());
        run.awaitStopped(id);

        String out = runtime.logs(id).stdout().replace("\r", "");
        assertThat(out.lines().toList()).containsExactly("chown-denied", "16", "40000\t40100", "has-tty");
    }

    @Test
    void mountsTheVolumesOfAnotherContainerAndJoinsTheHostPidNamespace() {
        String volume = run.volume("shared-from");
        String source = run.createAndStart(run.shell("source", "echo from-source > /data/note; sleep 30")
                .mount(new Mount.Volume(volume, "/data", false)).stopTimeout(java.time.Duration.ZERO).build());
        run.awaitLog(source, "");
        String reader = run.createAndStart(run.shell("reader", "sleep 0.5; cat /data/note; cat /proc/1/comm")
                .linux(options(List.of(), 0, Map.of(), "host", false,
                        List.of(new LinuxOptions.VolumesFrom(run.id() + "-source", true))))
                .build());
        run.awaitStopped(reader);

        List<String> lines = runtime.logs(reader).stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("from-source");
        assertThat(lines.get(1)).isNotEqualTo("sh");
    }
}
