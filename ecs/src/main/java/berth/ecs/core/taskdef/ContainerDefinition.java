package berth.ecs.core.taskdef;

import berth.ecs.core.placement.ContainerMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container of a task definition, as registered, with ECS's defaults applied. Unset text is
 * empty, unset numbers are 0 ({@code cpu} 0 is ECS's default share), unset lists and maps are empty;
 * a container without a health check or log configuration has {@link #hasHealthCheck()} or
 * {@link #hasLogConfiguration()} false. Build one with {@link #builder(String, String)}.
 *
 * @param repositoryCredentials the secret ARN holding private registry credentials, or empty
 * @param versionConsistency {@code enabled}, {@code disabled} or empty (ECS's default: enabled)
 */
public record ContainerDefinition(
        String name, String image, String repositoryCredentials,
        int cpu, int memoryMiB, int memoryReservationMiB,
        List<String> links, List<PortMapping> portMappings, boolean essential,
        List<String> entryPoint, List<String> command,
        List<KeyValue> environment, List<EnvironmentFile> environmentFiles,
        List<MountPoint> mountPoints, List<VolumeFrom> volumesFrom,
        LinuxParameters linuxParameters, List<Secret> secrets, List<ContainerDependency> dependsOn,
        int startTimeoutSeconds, int stopTimeoutSeconds,
        String hostname, String user, String workingDirectory,
        boolean disableNetworking, boolean privileged, boolean readonlyRootFilesystem,
        List<String> dnsServers, List<String> dnsSearchDomains, List<HostEntry> extraHosts,
        List<String> dockerSecurityOptions, boolean interactive, boolean pseudoTerminal,
        Map<String, String> dockerLabels, List<Ulimit> ulimits,
        LogConfiguration logConfiguration, HealthCheck healthCheck, List<KeyValue> systemControls,
        String versionConsistency) {

    public ContainerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(repositoryCredentials, "repositoryCredentials");
        Objects.requireNonNull(linuxParameters, "linuxParameters");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(logConfiguration, "logConfiguration");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(versionConsistency, "versionConsistency");
        links = List.copyOf(links);
        portMappings = List.copyOf(portMappings);
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        environmentFiles = List.copyOf(environmentFiles);
        mountPoints = List.copyOf(mountPoints);
        volumesFrom = List.copyOf(volumesFrom);
        secrets = List.copyOf(secrets);
        dependsOn = List.copyOf(dependsOn);
        dnsServers = List.copyOf(dnsServers);
        dnsSearchDomains = List.copyOf(dnsSearchDomains);
        extraHosts = List.copyOf(extraHosts);
        dockerSecurityOptions = List.copyOf(dockerSecurityOptions);
        dockerLabels = berth.ecs.core.OrderedMaps.copyOf(dockerLabels);
        ulimits = List.copyOf(ulimits);
        systemControls = List.copyOf(systemControls);
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    public boolean hasHealthCheck() {
        return !healthCheck.command().isEmpty();
    }

    public boolean hasLogConfiguration() {
        return !logConfiguration.logDriver().isEmpty();
    }

    /** The memory settings placement counts this container by. */
    public ContainerMemory memory() {
        return new ContainerMemory(memoryMiB, memoryReservationMiB);
    }

    /** This definition with its port mappings replaced (registration fills in host ports). */
    public ContainerDefinition withPortMappings(List<PortMapping> mappings) {
        return toBuilder().portMappings(mappings).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, image);
        b.repositoryCredentials = repositoryCredentials;
        b.cpu = cpu;
        b.memoryMiB = memoryMiB;
        b.memoryReservationMiB = memoryReservationMiB;
        b.links = links;
        b.portMappings = portMappings;
        b.essential = essential;
        b.entryPoint = entryPoint;
        b.command = command;
        b.environment = environment;
        b.environmentFiles = environmentFiles;
        b.mountPoints = mountPoints;
        b.volumesFrom = volumesFrom;
        b.linuxParameters = linuxParameters;
        b.secrets = secrets;
        b.dependsOn = dependsOn;
        b.startTimeoutSeconds = startTimeoutSeconds;
        b.stopTimeoutSeconds = stopTimeoutSeconds;
        b.hostname = hostname;
        b.user = user;
        b.workingDirectory = workingDirectory;
        b.disableNetworking = disableNetworking;
        b.privileged = privileged;
        b.readonlyRootFilesystem = readonlyRootFilesystem;
        b.dnsServers = dnsServers;
        b.dnsSearchDomains = dnsSearchDomains;
        b.extraHosts = extraHosts;
        b.dockerSecurityOptions = dockerSecurityOptions;
        b.interactive = interactive;
        b.pseudoTerminal = pseudoTerminal;
        b.dockerLabels = dockerLabels;
        b.ulimits = ulimits;
        b.logConfiguration = logConfiguration;
        b.healthCheck = healthCheck;
        b.systemControls = systemControls;
        b.versionConsistency = versionConsistency;
        return b;
    }

    /** Collects a container definition field by field; unset fields keep ECS's defaults. */
    public static final class Builder {
        private final String name;
        private final String image;
        private String repositoryCredentials = "";
        private int cpu;
        private int memoryMiB;
        private int memoryReservationMiB;
        private List<String> links = List.of();
        private List<PortMapping> portMappings = List.of();
        private boolean essential = true;
        private List<String> entryPoint = List.of();
        private List<String> command = List.of();
        private List<KeyValue> environment = List.of();
        private List<EnvironmentFile> environmentFiles = List.of();
        private List<MountPoint> mountPoints = List.of();
        private List<VolumeFrom> volumesFrom = List.of();
        private LinuxParameters linuxParameters = LinuxParameters.none();
        private List<Secret> secrets = List.of();
        private List<ContainerDependency> dependsOn = List.of();
        private int startTimeoutSeconds;
        private int stopTimeoutSeconds;
        private String hostname = "";
        private String user = "";
        private String workingDirectory = "";
        private boolean disableNetworking;
        private boolean privileged;
        private boolean readonlyRootFilesystem;
        private List<String> dnsServers = List.of();
        private List<String> dnsSearchDomains = List.of();
        private List<HostEntry> extraHosts = List.of();
        private List<String> dockerSecurityOptions = List.of();
        private boolean interactive;
        private boolean pseudoTerminal;
        private Map<String, String> dockerLabels = Map.of();
        private List<Ulimit> ulimits = List.of();
        private LogConfiguration logConfiguration = new LogConfiguration("", Map.of(), List.of());
        private HealthCheck healthCheck = new HealthCheck(List.of(), 0, 0, 0, 0);
        private List<KeyValue> systemControls = List.of();
        private String versionConsistency = "";

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder repositoryCredentials(String v) { repositoryCredentials = v; return this; }
        public Builder cpu(int v) { cpu = v; return this; }
        public Builder memoryMiB(int v) { memoryMiB = v; return this; }
        public Builder memoryReservationMiB(int v) { memoryReservationMiB = v; return this; }
        public Builder links(List<String> v) { links = v; return this; }
        public Builder portMappings(List<PortMapping> v) { portMappings = new ArrayList<>(v); return this; }
        public Builder essential(boolean v) { essential = v; return this; }
        public Builder entryPoint(List<String> v) { entryPoint = v; return this; }
        public Builder command(List<String> v) { command = v; return this; }
        public Builder environment(List<KeyValue> v) { environment = v; return this; }
        public Builder environmentFiles(List<EnvironmentFile> v) { environmentFiles = v; return this; }
        public Builder mountPoints(List<MountPoint> v) { mountPoints = v; return this; }
        public Builder volumesFrom(List<VolumeFrom> v) { volumesFrom = v; return this; }
        public Builder linuxParameters(LinuxParameters v) { linuxParameters = v; return this; }
        public Builder secrets(List<Secret> v) { secrets = v; return this; }
        public Builder dependsOn(List<ContainerDependency> v) { dependsOn = v; return this; }
        public Builder startTimeoutSeconds(int v) { startTimeoutSeconds = v; return this; }
        public Builder stopTimeoutSeconds(int v) { stopTimeoutSeconds = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder workingDirectory(String v) { workingDirectory = v; return this; }
        public Builder disableNetworking(boolean v) { disableNetworking = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder readonlyRootFilesystem(boolean v) { readonlyRootFilesystem = v; return this; }
        public Builder dnsServers(List<String> v) { dnsServers = v; return this; }
        public Builder dnsSearchDomains(List<String> v) { dnsSearchDomains = v; return this; }
        public Builder extraHosts(List<HostEntry> v) { extraHosts = v; return this; }
        public Builder dockerSecurityOptions(List<String> v) { dockerSecurityOptions = v; return this; }
        public Builder interactive(boolean v) { interactive = v; return this; }
        public Builder pseudoTerminal(boolean v) { pseudoTerminal = v; return this; }
        public Builder dockerLabels(Map<String, String> v) { dockerLabels = v; return this; }
        public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
        public Builder logConfiguration(LogConfiguration v) { logConfiguration = v; return this; }
        public Builder healthCheck(HealthCheck v) { healthCheck = v; return this; }
        public Builder systemControls(List<KeyValue> v) { systemControls = v; return this; }
        public Builder versionConsistency(String v) { versionConsistency = v; return this; }

        public ContainerDefinition build() {
            return new ContainerDefinition(name, image, repositoryCredentials, cpu, memoryMiB, memoryReservationMiB,
                    links, portMappings, essential, entryPoint, command, environment, environmentFiles, mountPoints,
                    volumesFrom, linuxParameters, secrets, dependsOn, startTimeoutSeconds, stopTimeoutSeconds,
                    hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem,
                    dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal,
                    dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, versionConsistency);
        }
    }
}
