package berth.agent.docker;

import berth.agent.runtime.ContainerSpec;
import berth.agent.runtime.HealthCheck;
import berth.agent.runtime.Mount;
import berth.agent.runtime.NetworkMode;
import berth.agent.runtime.PortMapping;
import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes a {@link ContainerSpec} into the engine's create-container request. */
final class ContainerSpecTranslation {

    private static final long MIB = 1024L * 1024L;

    private ContainerSpecTranslation() {}

    static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd cmd) {
        cmd.withName(spec.name())
                .withImage(spec.image().reference())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withStopTimeout(seconds(spec.stopTimeout()))
                .withHostConfig(hostConfig(spec));
        if (!spec.entryPoint().isEmpty()) {
            cmd.withEntrypoint(spec.entryPoint());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (!spec.workingDirectory().isEmpty()) {
            cmd.withWorkingDir(spec.workingDirectory());
        }
        if (!spec.user().isEmpty()) {
            cmd.withUser(spec.user());
        }
        if (!spec.hostname().isEmpty()) {
            cmd.withHostName(spec.hostname());
        }
        if (!spec.portMappings().isEmpty()) {
            cmd.withExposedPorts(spec.portMappings().stream().map(ContainerSpecTranslation::exposedPort).toList());
        }
        if (!spec.networkAliases().isEmpty()) {
            // docker-java puts the aliases on the endpoint of the host config's (named) network
            cmd.withAliases(spec.networkAliases());
        }
        healthCheck(spec.healthCheck()).ifPresent(cmd::withHealthcheck);
        if (spec.linux().tty()) {
            cmd.withTty(true);
        }
        if (spec.linux().interactive()) {
            cmd.withStdinOpen(true);
        }
        return cmd;
    }

    private static HostConfig hostConfig(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(networkMode(spec.networkMode()))
                .withPrivileged(spec.privileged())
                .withReadonlyRootfs(spec.readOnlyRootFilesystem())
                .withInit(spec.initProcessEnabled())
                .withLogConfig(logConfig(spec))
                .withBinds(binds(spec.mounts()))
                .withUlimits(spec.ulimits().stream()
                        .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.softLimit(), u.hardLimit()))
                        .toList());
        Map<String, String> tmpfs = tmpfs(spec.mounts());
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        if (!spec.portMappings().isEmpty()) {
            host.withPortBindings(portBindings(spec.portMappings()));
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
                    .toArray(String[]::new));
        }
        if (!spec.dnsServers().isEmpty()) {
            host.withDns(spec.dnsServers());
        }
        if (!spec.dnsSearchDomains().isEmpty()) {
            host.withDnsSearch(spec.dnsSearchDomains());
        }
        LinuxTranslation.apply(spec.linux(), spec.resources(), host);
        var r = spec.resources();
        if (r.cpuShares() > 0) {
            host.withCpuShares(r.cpuShares());
        }
        if (r.nanoCpus() > 0) {
            host.withNanoCPUs(r.nanoCpus());
        }
        if (r.memoryLimitMiB() > 0) {
            host.withMemory(r.memoryLimitMiB() * MIB);
        }
        if (r.memoryReservationMiB() > 0) {
            host.withMemoryReservation(r.memoryReservationMiB() * MIB);
        }
        return host;
    }

    static String networkMode(NetworkMode mode) {
        return switch (mode) {
            case NetworkMode.Bridge b -> "bridge";
            case NetworkMode.Host h -> "host";
            case NetworkMode.None n -> "none";
            case NetworkMode.Named named -> named.network();
            case NetworkMode.ContainerOf other -> "container:" + other.containerId();
        };
    }

    private static List<Bind> binds(List<Mount> mounts) {
        List<Bind> binds = new ArrayList<>();
        for (Mount m : mounts) {
            switch (m) {
                case Mount.Bind b -> binds.add(new Bind(b.hostPath(), new Volume(b.containerPath()), access(b.readOnly())));
                case Mount.Volume v ->
                        binds.add(new Bind(v.volumeName(), new Volume(v.containerPath()), access(v.readOnly())));
                case Mount.Tmpfs t -> { }
            }
        }
        return binds;
    }

    private static Map<String, String> tmpfs(List<Mount> mounts) {
        Map<String, String> tmpfs = new HashMap<>();
        for (Mount m : mounts) {
            if (m instanceof Mount.Tmpfs t) {
                tmpfs.put(t.containerPath(), "size=" + t.sizeMiB() + "m");
            }
        }
        return tmpfs;
    }

    private static AccessMode access(boolean readOnly) {
        return readOnly ? AccessMode.ro : AccessMode.rw;
    }

    private static ExposedPort exposedPort(PortMapping p) {
        return new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol().wireName()));
    }

    private static Ports portBindings(List<PortMapping> mappings) {
        Ports ports = new Ports();
        for (PortMapping p : mappings) {
            String hostIp = p.hostIp().isEmpty() ? null : p.hostIp();
            String hostPort = p.hostPort() == 0 ? null : Integer.toString(p.hostPort());
            ports.bind(exposedPort(p), new Ports.Binding(hostIp, hostPort));
        }
        return ports;
    }

    private static LogConfig logConfig(ContainerSpec spec) {
        String driver = spec.logConfiguration().driver();
        LogConfig.LoggingType type = LogConfig.LoggingType.fromValue(driver);
        if (type == null) {
            throw new RuntimeFailure.Rejected("unsupported log driver: " + driver, null);
        }
        return new LogConfig(type, spec.logConfiguration().options());
    }

    private static Optional<com.github.dockerjava.api.model.HealthCheck> healthCheck(HealthCheck check) {
        return switch (check) {
            case HealthCheck.ImageDefault d -> Optional.empty();
            case HealthCheck.Disabled d ->
                    Optional.of(new com.github.dockerjava.api.model.HealthCheck().withTest(List.of("NONE")));
            case HealthCheck.Command c -> Optional.of(new com.github.dockerjava.api.model.HealthCheck()
                    .withTest(c.test())
                    .withInterval(c.interval().toNanos())
                    .withTimeout(c.timeout().toNanos())
                    .withRetries(c.retries())
                    .withStartPeriod(c.startPeriod().toNanos()));
        };
    }

    /** Whole seconds, rounding up, as the engine counts stop timeouts. */
    static int seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, s);
    }
}
