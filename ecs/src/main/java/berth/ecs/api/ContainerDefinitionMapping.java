package berth.ecs.api;

import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.ContainerDependency;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.HealthCheck;
import berth.ecs.core.taskdef.HostEntry;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.LinuxParameters;
import berth.ecs.core.taskdef.LogConfiguration;
import berth.ecs.core.taskdef.MountPoint;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.Secret;
import berth.ecs.core.taskdef.Ulimit;
import berth.ecs.core.taskdef.VolumeFrom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.KernelCapabilities;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.SystemControl;

/**
 * Container definitions between the SDK's shape and the core record. Fields berth cannot act on
 * (FireLens, GPUs and accelerators, Windows credential specs, port ranges, restart policies) are
 * refused with ClientException rather than stored and ignored.
 */
final class ContainerDefinitionMapping {
    private ContainerDefinitionMapping() {}

    static ContainerDefinition toCore(software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
        String name = text(c.name());
        refuseUnsupported(c, name);
        var b = ContainerDefinition.builder(name, text(c.image()))
                .repositoryCredentials(c.repositoryCredentials() == null ? ""
                        : text(c.repositoryCredentials().credentialsParameter()))
                .cpu(number(c.cpu()))
                .memoryMiB(number(c.memory()))
                .memoryReservationMiB(number(c.memoryReservation()))
                .links(c.links())
                .portMappings(map(c.portMappings(), p -> new PortMapping(number(p.containerPort()),
                        number(p.hostPort()), p.protocol() == null ? PortMapping.TCP : p.protocolAsString(),
                        text(p.name()), p.appProtocol() == null ? "" : p.appProtocolAsString())))
                .essential(c.essential() == null || c.essential())
                .entryPoint(c.entryPoint())
                .command(c.command())
                .environment(map(c.environment(), e -> new KeyValue(text(e.name()), text(e.value()))))
                .environmentFiles(map(c.environmentFiles(), f -> new EnvironmentFile(text(f.value()), f.typeAsString())))
                .mountPoints(map(c.mountPoints(), m -> new MountPoint(text(m.sourceVolume()), text(m.containerPath()),
                        Boolean.TRUE.equals(m.readOnly()))))
                .volumesFrom(map(c.volumesFrom(), v -> new VolumeFrom(text(v.sourceContainer()),
                        Boolean.TRUE.equals(v.readOnly()))))
                .linuxParameters(linuxParameters(c.linuxParameters()))
                .secrets(map(c.secrets(), s -> new Secret(text(s.name()), text(s.valueFrom()))))
                .dependsOn(map(c.dependsOn(), d -> new ContainerDependency(text(d.containerName()),
                        ContainerDependency.Condition.valueOf(d.conditionAsString()))))
                .startTimeoutSeconds(number(c.startTimeout()))
                .stopTimeoutSeconds(number(c.stopTimeout()))
                .hostname(text(c.hostname()))
                .user(text(c.user()))
                .workingDirectory(text(c.workingDirectory()))
                .disableNetworking(Boolean.TRUE.equals(c.disableNetworking()))
                .privileged(Boolean.TRUE.equals(c.privileged()))
                .readonlyRootFilesystem(Boolean.TRUE.equals(c.readonlyRootFilesystem()))
                .dnsServers(c.dnsServers())
                .dnsSearchDomains(c.dnsSearchDomains())
                .extraHosts(map(c.extraHosts(), h -> new HostEntry(text(h.hostname()), text(h.ipAddress()))))
                .dockerSecurityOptions(c.dockerSecurityOptions())
                .interactive(Boolean.TRUE.equals(c.interactive()))
                .pseudoTerminal(Boolean.TRUE.equals(c.pseudoTerminal()))
                .dockerLabels(c.dockerLabels())
                .ulimits(map(c.ulimits(), u -> new Ulimit(u.nameAsString(), number(u.softLimit()), number(u.hardLimit()))))
                .systemControls(map(c.systemControls(), s -> new KeyValue(text(s.namespace()), text(s.value()))))
                .versionConsistency(c.versionConsistency() == null ? "" : c.versionConsistencyAsString());
        if (c.logConfiguration() != null) {
            var log = c.logConfiguration();
            b.logConfiguration(new LogConfiguration(log.logDriverAsString(), log.options(),
                    map(log.secretOptions(), s -> new Secret(text(s.name()), text(s.valueFrom())))));
        }
        if (c.healthCheck() != null) {
            var h = c.healthCheck();
            b.healthCheck(new HealthCheck(h.command(), orDefault(h.interval(), HealthCheck.DEFAULT_INTERVAL),
                    orDefault(h.timeout(), HealthCheck.DEFAULT_TIMEOUT), orDefault(h.retries(), HealthCheck.DEFAULT_RETRIES),
                    orDefault(h.startPeriod(), 0)));
        }
        return b.build();
    }

    private static void refuseUnsupported(software.amazon.awssdk.services.ecs.model.ContainerDefinition c, String name) {
        String unsupported = null;
        if (c.firelensConfiguration() != null) {
            unsupported = "firelensConfiguration";
        } else if (c.hasResourceRequirements() && !c.resourceRequirements().isEmpty()) {
            unsupported = "resourceRequirements";
        } else if (c.hasCredentialSpecs() && !c.credentialSpecs().isEmpty()) {
            unsupported = "credentialSpecs";
        } else if (c.restartPolicy() != null && Boolean.TRUE.equals(c.restartPolicy().enabled())) {
            unsupported = "restartPolicy";
        } else if (c.portMappings().stream().anyMatch(p -> p.containerPortRange() != null)) {
            unsupported = "containerPortRange";
        }
        if (unsupported != null) {
            throw EcsErrors.CLIENT.exception("Container '" + name + "' sets '" + unsupported + "', which berth does"
                    + " not support.");
        }
    }

    private static LinuxParameters linuxParameters(software.amazon.awssdk.services.ecs.model.LinuxParameters p) {
        if (p == null) {
            return LinuxParameters.none();
        }
        KernelCapabilities caps = p.capabilities();
        return new LinuxParameters(Boolean.TRUE.equals(p.initProcessEnabled()),
                caps == null ? List.of() : caps.add(), caps == null ? List.of() : caps.drop(),
                map(p.devices(), d -> new LinuxParameters.Device(text(d.hostPath()), text(d.containerPath()),
                        d.permissionsAsStrings())),
                number(p.sharedMemorySize()),
                map(p.tmpfs(), t -> new LinuxParameters.Tmpfs(text(t.containerPath()), number(t.size()), t.mountOptions())),
                p.maxSwap() == null ? LinuxParameters.UNSET : p.maxSwap(),
                p.swappiness() == null ? LinuxParameters.UNSET : p.swappiness());
    }

    static software.amazon.awssdk.services.ecs.model.ContainerDefinition toSdk(ContainerDefinition c) {
        var b = software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
                .name(c.name())
                .image(c.image())
                .cpu(c.cpu())
                .portMappings(c.portMappings().stream().map(ContainerDefinitionMapping::portMapping).toList())
                .essential(c.essential())
                .environment(c.environment().stream().map(e -> KeyValuePair.builder().name(e.name()).value(e.value())
                        .build()).toList())
                .mountPoints(c.mountPoints().stream().map(m -> software.amazon.awssdk.services.ecs.model.MountPoint
                        .builder().sourceVolume(m.sourceVolume()).containerPath(m.containerPath())
                        .readOnly(m.readOnly()).build()).toList())
                .volumesFrom(c.volumesFrom().stream().map(v -> software.amazon.awssdk.services.ecs.model.VolumeFrom
                        .builder().sourceContainer(v.sourceContainer()).readOnly(v.readOnly()).build()).toList())
                .systemControls(c.systemControls().stream().map(s -> SystemControl.builder().namespace(s.name())
                        .value(s.value()).build()).toList());
        if (!c.repositoryCredentials().isEmpty()) {
            b.repositoryCredentials(r -> r.credentialsParameter(c.repositoryCredentials()));
        }
        if (c.memoryMiB() > 0) b.memory(c.memoryMiB());
        if (c.memoryReservationMiB() > 0) b.memoryReservation(c.memoryReservationMiB());
        if (!c.links().isEmpty()) b.links(c.links());
        if (!c.entryPoint().isEmpty()) b.entryPoint(c.entryPoint());
        if (!c.command().isEmpty()) b.command(c.command());
        if (!c.environmentFiles().isEmpty()) {
            b.environmentFiles(c.environmentFiles().stream().map(f -> software.amazon.awssdk.services.ecs.model
                    .EnvironmentFile.builder().value(f.value()).type(f.type()).build()).toList());
        }
        if (!c.linuxParameters().isNone()) b.linuxParameters(linuxParameters(c.linuxParameters()));
        if (!c.secrets().isEmpty()) b.secrets(secrets(c.secrets()));
        if (!c.dependsOn().isEmpty()) {
            b.dependsOn(c.dependsOn().stream().map(d -> software.amazon.awssdk.services.ecs.model.ContainerDependency
                    .builder().containerName(d.containerName()).condition(d.condition().name()).build()).toList());
        }
        if (c.startTimeoutSeconds() > 0) b.startTimeout(c.startTimeoutSeconds());
        if (c.stopTimeoutSeconds() > 0) b.stopTimeout(c.stopTimeoutSeconds());
        if (!c.hostname().isEmpty()) b.hostname(c.hostname());
        if (!c.user().isEmpty()) b.user(c.user());
        if (!c.workingDirectory().isEmpty()) b.workingDirectory(c.workingDirectory());
        if (c.disableNetworking()) b.disableNetworking(true);
        if (c.privileged()) b.privileged(true);
        if (c.readonlyRootFilesystem()) b.readonlyRootFilesystem(true);
        if (c.interactive()) b.interactive(true);
        if (c.pseudoTerminal()) b.pseudoTerminal(true);
        if (!c.dnsServers().isEmpty()) b.dnsServers(c.dnsServers());
        if (!c.dnsSearchDomains().isEmpty()) b.dnsSearchDomains(c.dnsSearchDomains());
        if (!c.extraHosts().isEmpty()) {
            b.extraHosts(c.extraHosts().stream().map(h -> software.amazon.awssdk.services.ecs.model.HostEntry.builder()
                    .hostname(h.hostname()).ipAddress(h.ipAddress()).build()).toList());
        }
        if (!c.dockerSecurityOptions().isEmpty()) b.dockerSecurityOptions(c.dockerSecurityOptions());
        if (!c.dockerLabels().isEmpty()) b.dockerLabels(c.dockerLabels());
        if (!c.ulimits().isEmpty()) {
            b.ulimits(c.ulimits().stream().map(u -> software.amazon.awssdk.services.ecs.model.Ulimit.builder()
                    .name(u.name()).softLimit(u.softLimit()).hardLimit(u.hardLimit()).build()).toList());
        }
        if (c.hasLogConfiguration()) {
            var log = software.amazon.awssdk.services.ecs.model.LogConfiguration.builder()
                    .logDriver(c.logConfiguration().logDriver()).options(c.logConfiguration().options());
            if (!c.logConfiguration().secretOptions().isEmpty()) {
                log.secretOptions(secrets(c.logConfiguration().secretOptions()));
            }
            b.logConfiguration(log.build());
        }
        if (c.hasHealthCheck()) {
            HealthCheck h = c.healthCheck();
            var check = software.amazon.awssdk.services.ecs.model.HealthCheck.builder().command(h.command())
                    .interval(h.intervalSeconds()).timeout(h.timeoutSeconds()).retries(h.retries());
            if (h.startPeriodSeconds() > 0) check.startPeriod(h.startPeriodSeconds());
            b.healthCheck(check.build());
        }
        if (!c.versionConsistency().isEmpty()) b.versionConsistency(c.versionConsistency());
        return b.build();
    }

    private static software.amazon.awssdk.services.ecs.model.PortMapping portMapping(PortMapping p) {
        var b = software.amazon.awssdk.services.ecs.model.PortMapping.builder()
                .containerPort(p.containerPort()).hostPort(p.hostPort()).protocol(p.protocol());
        if (!p.name().isEmpty()) b.name(p.name());
        if (!p.appProtocol().isEmpty()) b.appProtocol(p.appProtocol());
        return b.build();
    }

    private static software.amazon.awssdk.services.ecs.model.LinuxParameters linuxParameters(LinuxParameters p) {
        var b = software.amazon.awssdk.services.ecs.model.LinuxParameters.builder();
        if (p.initProcessEnabled()) b.initProcessEnabled(true);
        if (!p.capabilitiesAdd().isEmpty() || !p.capabilitiesDrop().isEmpty()) {
            var caps = KernelCapabilities.builder();
            if (!p.capabilitiesAdd().isEmpty()) caps.add(p.capabilitiesAdd());
            if (!p.capabilitiesDrop().isEmpty()) caps.drop(p.capabilitiesDrop());
            b.capabilities(caps.build());
        }
        if (!p.devices().isEmpty()) {
            b.devices(p.devices().stream().map(d -> software.amazon.awssdk.services.ecs.model.Device.builder()
                    .hostPath(d.hostPath()).containerPath(d.containerPath().isEmpty() ? null : d.containerPath())
                    .permissionsWithStrings(d.permissions()).build()).toList());
        }
        if (p.sharedMemorySizeMiB() > 0) b.sharedMemorySize(p.sharedMemorySizeMiB());
        if (!p.tmpfs().isEmpty()) {
            b.tmpfs(p.tmpfs().stream().map(t -> software.amazon.awssdk.services.ecs.model.Tmpfs.builder()
                    .containerPath(t.containerPath()).size(t.sizeMiB()).mountOptions(t.mountOptions()).build()).toList());
        }
        if (p.maxSwapMiB() != LinuxParameters.UNSET) b.maxSwap(p.maxSwapMiB());
        if (p.swappiness() != LinuxParameters.UNSET) b.swappiness(p.swappiness());
        return b.build();
    }

    private static List<software.amazon.awssdk.services.ecs.model.Secret> secrets(List<Secret> secrets) {
        return secrets.stream().map(s -> software.amazon.awssdk.services.ecs.model.Secret.builder().name(s.name())
                .valueFrom(s.valueFrom()).build()).toList();
    }

    static <A, B> List<B> map(List<A> items, Function<A, B> mapper) {
        return items == null ? List.of() : items.stream().map(mapper).toList();
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    static int number(Integer value) {
        return value == null ? 0 : value;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
