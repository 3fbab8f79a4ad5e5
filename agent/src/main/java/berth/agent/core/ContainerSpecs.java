package berth.agent.core;

import berth.agent.runtime.ContainerSpec;
import berth.agent.runtime.ExtraHost;
import berth.agent.runtime.HealthCheck;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.LogConfiguration;
import berth.agent.runtime.Mount;
import berth.agent.runtime.NetworkMode;
import berth.agent.runtime.PortMapping;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import berth.agent.runtime.Ulimit;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.HealthProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine spec of each container of a task, from its assigned container. */
public final class ContainerSpecs {

    /** Log drivers whose lines the agent ships itself; the engine keeps them in json-file meanwhile. */
    private static final Set<String> SHIPPED_DRIVERS = Set.of("awslogs");

    private ContainerSpecs() {}

    /**
     * The spec of {@code container} in {@code task}.
     *
     * @param resources   the container's limits ({@link TaskResourceSplit})
     * @param linkedHosts bridge addresses of the containers {@code container} links to, by link alias
     */
    public static ContainerSpec of(AgentSettings settings, AssignedTask task, AssignedContainer container,
                                   Resources resources, Map<String, String> linkedHosts) {
        TaskNetwork network = TaskNetwork.of(task, settings);
        List<TaskLayout.VolumeUse> volumes = TaskLayout.volumes(task, container);
        ContainerSpec.Builder b = ContainerSpec.builder(TaskLayout.hostName(task, container.name()),
                        ImageRef.of(container.image()))
                .entryPoint(container.entryPoint())
                .command(container.command())
                .environment(environment(settings, task, container))
                .workingDirectory(container.workingDirectory())
                .user(container.user())
                .labels(labels(settings, task, container))
                .resources(resources)
                .mounts(mounts(volumes, container))
                .ulimits(container.ulimits().stream().map(u -> new Ulimit(u.name(), u.softLimit(), u.hardLimit())).toList())
                .stopTimeout(stopTimeout(task, container))
                .healthCheck(healthCheck(container))
                .logConfiguration(logConfiguration(container))
                .privileged(container.privileged())
                .readOnlyRootFilesystem(container.readonlyRootFilesystem())
                .initProcessEnabled(container.linuxParameters().initProcessEnabled())
                .linux(LinuxSettings.of(task, container, network));
        switch (network) {
            case AWSVPC -> b.networkMode(NetworkMode.containerOf(TaskLayout.hostName(task, TaskLayout.PAUSE)));
            case HOST -> b.networkMode(container.disableNetworking() ? NetworkMode.none() : NetworkMode.host())
                    .dnsServers(container.dnsServers()).dnsSearchDomains(container.dnsSearchDomains())
                    .extraHosts(extraHosts(container, Map.of()));
            case NONE -> b.networkMode(NetworkMode.none()).hostname(container.hostname());
            case BRIDGE -> {
                b.networkMode(container.disableNetworking() ? NetworkMode.none() : NetworkMode.bridge())
                        .hostname(container.hostname())
                        .dnsServers(container.dnsServers()).dnsSearchDomains(container.dnsSearchDomains())
                        .extraHosts(extraHosts(container, linkedHosts));
                if (!container.disableNetworking()) {
                    b.portMappings(portMappings(container));
                }
            }
        }
        return b.build();
    }

    /**
     * The container holding an awsvpc task's network namespace on the awsvpc network. It carries the
     * task's DNS servers and hosts entries: containers sharing a namespace cannot set their own.
     */
    public static ContainerSpec pause(AgentSettings settings, AssignedTask task) {
        return pause(settings, task, settings.awsvpcNetwork());
    }

    /** The pause container of {@code task} on {@code network} (its subnet's, or the agent's awsvpc network). */
    public static ContainerSpec pause(AgentSettings settings, AssignedTask task, String network) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> search = new LinkedHashSet<>();
        List<ExtraHost> hosts = new ArrayList<>();
        for (AssignedContainer c : task.containers()) {
            dns.addAll(c.dnsServers());
            search.addAll(c.dnsSearchDomains());
            hosts.addAll(extraHosts(c, Map.of()));
        }
        return ContainerSpec.builder(TaskLayout.hostName(task, TaskLayout.PAUSE), settings.pauseImage())
                .entryPoint("/pause")
                .labels(TaskLayout.containerLabels(settings, task, TaskLayout.PAUSE, List.of()))
                .networkMode(NetworkMode.named(network))
                .dnsServers(List.copyOf(dns))
                .dnsSearchDomains(List.copyOf(search))
                .extraHosts(hosts)
                .stopTimeout(Duration.ZERO)
                .healthCheck(HealthCheck.disabled())
                .linux(LinuxSettings.pause(task))
                .build();
    }

    /** How long a stop waits after SIGTERM: the container's stopTimeout, else the assignment's default, else 30 s. */
    public static Duration stopTimeout(AssignedTask task, AssignedContainer container) {
        if (container.stopTimeoutSeconds() > 0) {
            return Duration.ofSeconds(container.stopTimeoutSeconds());
        }
        return task.stopTimeoutSeconds() > 0 ? Duration.ofSeconds(task.stopTimeoutSeconds())
                : ContainerSpec.DEFAULT_STOP_TIMEOUT;
    }

    /**
     * The definition's variables, then the assignment's and the task endpoints' ({@link TaskEndpointVariables})
     * for names the definition does not set.
     */
    static Map<String, String> environment(AgentSettings settings, AssignedTask task, AssignedContainer container) {
        Map<String, String> env = new LinkedHashMap<>(task.environment());
        env.putAll(TaskEndpointVariables.forContainer(task, container.name(), settings.controlPlane()));
        env.putAll(container.environment());
        return env;
    }

    private static Map<String, String> labels(AgentSettings settings, AssignedTask task, AssignedContainer c) {
        Map<String, String> labels = new LinkedHashMap<>(c.dockerLabels());
        labels.putAll(TaskLayout.containerLabels(settings, task, c.name(), TaskLayout.taskVolumes(task, c)));
        return labels;
    }

    private static List<Mount> mounts(List<TaskLayout.VolumeUse> volumes, AssignedContainer c) {
        List<Mount> mounts = new ArrayList<>();
        for (TaskLayout.VolumeUse use : volumes) {
            switch (use) {
                case TaskLayout.VolumeUse.HostPath h -> mounts.add(new Mount.Bind(h.hostPath(), h.containerPath(), h.readOnly()));
                case TaskLayout.VolumeUse.Named n -> mounts.add(new Mount.Volume(n.volume(), n.containerPath(), n.readOnly()));
            }
        }
        for (var tmpfs : c.linuxParameters().tmpfs()) {
            mounts.add(new Mount.Tmpfs(tmpfs.containerPath(), Math.max(tmpfs.sizeMiB(), 1)));
        }
        return mounts;
    }

    private static List<PortMapping> portMappings(AssignedContainer c) {
        return c.portMappings().stream()
                .map(p -> new PortMapping(p.containerPort(), p.hostPort(),
                        p.udp() ? TransportProtocol.UDP : TransportProtocol.TCP, ""))
                .toList();
    }

    private static List<ExtraHost> extraHosts(AssignedContainer c, Map<String, String> linkedHosts) {
        List<ExtraHost> hosts = new ArrayList<>();
        c.extraHosts().forEach(h -> hosts.add(new ExtraHost(h.hostname(), h.ipAddress())));
        linkedHosts.forEach((alias, ip) -> hosts.add(new ExtraHost(alias, ip)));
        return hosts;
    }

    /** ECS's health check: CMD or CMD-SHELL with its timings; {@code NONE} turns the image's check off. */
    static HealthCheck healthCheck(AssignedContainer c) {
        List<String> command = c.healthCheck().command();
        if (command.isEmpty()) {
            return HealthCheck.imageDefault();
        }
        if (command.get(0).equals("NONE")) {
            return HealthCheck.disabled();
        }
        List<String> test = command.get(0).equals("CMD") || command.get(0).equals("CMD-SHELL") ? command
                : List.of("CMD-SHELL", String.join(" ", command));
        if (test.size() < 2) {
            return HealthCheck.imageDefault();
        }
        var h = c.healthCheck();
        return new HealthCheck.Command(test,
                Duration.ofSeconds(positiveOr(h.intervalSeconds(), HealthProbe.DEFAULT_INTERVAL_SECONDS)),
                Duration.ofSeconds(positiveOr(h.timeoutSeconds(), HealthProbe.DEFAULT_TIMEOUT_SECONDS)),
                positiveOr(h.retries(), HealthProbe.DEFAULT_RETRIES),
                Duration.ofSeconds(Math.max(h.startPeriodSeconds(), 0)));
    }

    /**
     * The engine's log driver: {@code json-file} unless the definition names another the engine has;
     * {@code awslogs} lines stay in json-file for {@code docker logs} while the agent ships them.
     */
    static LogConfiguration logConfiguration(AssignedContainer c) {
        if (!c.hasLogConfiguration() || SHIPPED_DRIVERS.contains(c.logConfiguration().logDriver())) {
            return LogConfiguration.jsonFile();
        }
        return new LogConfiguration(c.logConfiguration().logDriver(), c.logConfiguration().options());
    }

    private static int positiveOr(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
