package berth.ecs.control;

import berth.agentwire.AddedHost;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.ContainerPort;
import berth.agentwire.ContainerSecret;
import berth.agentwire.DependencyCondition;
import berth.agentwire.DependsOn;
import berth.agentwire.DockerVolumeSettings;
import berth.agentwire.HealthProbe;
import berth.agentwire.HostDevice;
import berth.agentwire.LinuxFeatures;
import berth.agentwire.LogSettings;
import berth.agentwire.ResourceLimit;
import berth.agentwire.RoleCredentials;
import berth.agentwire.TaskVolume;
import berth.agentwire.TmpfsMount;
import berth.agentwire.VolumeMount;
import berth.agentwire.VolumesFromContainer;
import berth.ecs.core.task.Task;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.ContainerDependency;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.LinuxParameters;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS's tasks as the agent protocol describes them: the one place where ECS's domain meets the wire.
 * A task's definition (RunTask's overrides already applied) becomes what the agent needs to run it;
 * what the agent does not act on (tags, placement constraints, compatibilities, port names, tmpfs
 * mount options, log secret options, ...) stays behind.
 */
final class AssignmentMapping {
    /** ECS_CONTAINER_STOP_TIMEOUT's default: how long containers get between SIGTERM and SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private AssignmentMapping() {}

    /** The assignment of {@code task} carrying the given role credentials, for a task without a subnet. */
    static AssignedTask assignment(Task task, RoleCredentials taskRole, RoleCredentials executionRole) {
        return assignment(task, taskRole, executionRole, "");
    }

    /**
     * The assignment of {@code task} carrying the given role credentials; an awsvpc task names the subnet
     * of its network interface and {@code subnetCidr}, that subnet's block (empty when unknown).
     */
    static AssignedTask assignment(Task task, RoleCredentials taskRole, RoleCredentials executionRole,
                                   String subnetCidr) {
        TaskDefinition d = task.definition();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", task.region());
        environment.put("AWS_DEFAULT_REGION", task.region());
        environment.put("AWS_EXECUTION_ENV", "AWS_ECS_" + task.launchType().name());
        String subnet = task.networkInterface().map(n -> n.subnetId()).orElse("");
        return new AssignedTask(task.arn(), task.clusterArn(), task.containerInstanceArn(), task.launchType().name(),
                task.desiredStatus().name(), task.lastStatus().name(), task.times().createdAt(),
                d.family(), d.revision(), d.effectiveNetworkMode().wireName(), d.pidMode(), d.ipcMode(),
                d.cpuUnits(), d.memoryMiB(), d.containerDefinitions().stream().map(AssignmentMapping::container).toList(),
                d.volumes().stream().map(AssignmentMapping::volume).toList(), STOP_TIMEOUT_SECONDS, environment,
                taskRole, executionRole, subnet, subnet.isEmpty() ? "" : subnetCidr);
    }

    static AssignedContainer container(ContainerDefinition c) {
        return AssignedContainer.builder(c.name(), c.image())
                .repositoryCredentials(c.repositoryCredentials())
                .cpu(c.cpu()).memoryMiB(c.memoryMiB()).memoryReservationMiB(c.memoryReservationMiB())
                .essential(c.essential())
                .entryPoint(c.entryPoint()).command(c.command()).environment(variables(c.environment()))
                .environmentFiles(c.environmentFiles().stream().map(EnvironmentFile::value).toList())
                .secrets(c.secrets().stream().map(s -> new ContainerSecret(s.name(), s.valueFrom())).toList())
                .portMappings(c.portMappings().stream()
                        .map(p -> new ContainerPort(p.containerPort(), p.hostPort(), p.protocol())).toList())
                .links(c.links())
                .mountPoints(c.mountPoints().stream()
                        .map(m -> new VolumeMount(m.sourceVolume(), m.containerPath(), m.readOnly())).toList())
                .volumesFrom(c.volumesFrom().stream()
                        .map(v -> new VolumesFromContainer(v.sourceContainer(), v.readOnly())).toList())
                .dependsOn(c.dependsOn().stream()
                        .map(dep -> new DependsOn(dep.containerName(), condition(dep.condition()))).toList())
                .startTimeoutSeconds(c.startTimeoutSeconds()).stopTimeoutSeconds(c.stopTimeoutSeconds())
                .hostname(c.hostname()).user(c.user()).workingDirectory(c.workingDirectory())
                .disableNetworking(c.disableNetworking()).privileged(c.privileged())
                .readonlyRootFilesystem(c.readonlyRootFilesystem())
                .dnsServers(c.dnsServers()).dnsSearchDomains(c.dnsSearchDomains())
                .extraHosts(c.extraHosts().stream().map(h -> new AddedHost(h.hostname(), h.ipAddress())).toList())
                .dockerSecurityOptions(c.dockerSecurityOptions())
                .interactive(c.interactive()).pseudoTerminal(c.pseudoTerminal())
                .dockerLabels(c.dockerLabels())
                .ulimits(c.ulimits().stream().map(u -> new ResourceLimit(u.name(), u.softLimit(), u.hardLimit())).toList())
                .logConfiguration(c.hasLogConfiguration()
                        ? new LogSettings(c.logConfiguration().logDriver(), c.logConfiguration().options())
                        : LogSettings.NONE)
                .healthCheck(c.hasHealthCheck() ? new HealthProbe(c.healthCheck().command(),
                        c.healthCheck().intervalSeconds(), c.healthCheck().timeoutSeconds(), c.healthCheck().retries(),
                        c.healthCheck().startPeriodSeconds()) : HealthProbe.NONE)
                .systemControls(variables(c.systemControls()))
                .linuxParameters(linux(c.linuxParameters()))
                .build();
    }

    /** A host volume binds its path (a scratch volume without one); a Docker volume carries its settings. */
    static TaskVolume volume(Volume v) {
        return switch (v.kind()) {
            case HOST -> TaskVolume.hostPath(v.name(), v.hostSourcePath());
            case DOCKER -> TaskVolume.docker(v.name(), new DockerVolumeSettings(v.docker().scope(),
                    v.docker().autoprovision(), v.docker().driver(), v.docker().driverOpts(), v.docker().labels()));
        };
    }

    private static LinuxFeatures linux(LinuxParameters p) {
        return new LinuxFeatures(p.initProcessEnabled(), p.capabilitiesAdd(), p.capabilitiesDrop(),
                p.devices().stream().map(d -> new HostDevice(d.hostPath(), d.containerPath(), d.permissions())).toList(),
                p.sharedMemorySizeMiB(), p.tmpfs().stream().map(t -> new TmpfsMount(t.containerPath(), t.sizeMiB()))
                        .toList(),
                p.maxSwapMiB() == LinuxParameters.UNSET ? LinuxFeatures.UNSET : p.maxSwapMiB(),
                p.swappiness() == LinuxParameters.UNSET ? LinuxFeatures.UNSET : p.swappiness());
    }

    private static DependencyCondition condition(ContainerDependency.Condition condition) {
        return switch (condition) {
            case START -> DependencyCondition.START;
            case COMPLETE -> DependencyCondition.COMPLETE;
            case SUCCESS -> DependencyCondition.SUCCESS;
            case HEALTHY -> DependencyCondition.HEALTHY;
        };
    }

    /** Name/value pairs in their order; a name given twice keeps its last value, as the engine would. */
    private static Map<String, String> variables(List<KeyValue> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        pairs.forEach(kv -> out.put(kv.name(), kv.value()));
        return out;
    }
}
