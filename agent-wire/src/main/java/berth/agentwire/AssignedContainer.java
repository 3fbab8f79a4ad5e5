package berth.agentwire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container of an {@link AssignedTask}, as its task definition describes it with RunTask's
 * overrides applied. Unset text is empty, unset numbers are 0, unset lists and maps are empty; a
 * container without a health check or log configuration has {@link HealthProbe#NONE} or
 * {@link LogSettings#NONE}. Build one with {@link #builder(String, String)}.
 *
 * @param repositoryCredentials the ARN of the secret holding private registry credentials, or empty
 * @param cpu CPU units (Docker CPU shares), 0 for ECS's default
 * @param memoryMiB the hard memory limit, 0 when none
 * @param memoryReservationMiB the soft memory limit, 0 when none
 * @param environment the container's variables, in the definition's order
 * @param environmentFiles the locations of files of variables the container loads (S3 ARNs)
 * @param links {@code name[:alias]} of containers of the task this one reaches by name (bridge mode)
 * @param startTimeoutSeconds how long a dependency of this container may take to reach its condition, 0 for no limit
 * @param stopTimeoutSeconds how long a stop waits between SIGTERM and SIGKILL, 0 for the task's default
 * @param systemControls kernel parameters (sysctl) by name
 */
public record AssignedContainer(
        String name, String image, String repositoryCredentials,
        int cpu, int memoryMiB, int memoryReservationMiB, boolean essential,
        List<String> entryPoint, List<String> command, Map<String, String> environment,
        List<String> environmentFiles, List<ContainerSecret> secrets,
        List<ContainerPort> portMappings, List<String> links,
        List<VolumeMount> mountPoints, List<VolumesFromContainer> volumesFrom, List<DependsOn> dependsOn,
        int startTimeoutSeconds, int stopTimeoutSeconds,
        String hostname, String user, String workingDirectory,
        boolean disableNetworking, boolean privileged, boolean readonlyRootFilesystem,
        List<String> dnsServers, List<String> dnsSearchDomains, List<AddedHost> extraHosts,
        List<String> dockerSecurityOptions, boolean interactive, boolean pseudoTerminal,
        Map<String, String> dockerLabels, List<ResourceLimit> ulimits,
        LogSettings logConfiguration, HealthProbe healthCheck, Map<String, String> systemControls,
        LinuxFeatures linuxParameters) {

    public AssignedContainer {
        Objects.requireNonNull(name, "name");
        image = WireValues.text(image);
        repositoryCredentials = WireValues.text(repositoryCredentials);
        entryPoint = WireValues.list(entryPoint);
        command = WireValues.list(command);
        environment = WireValues.map(environment);
        environmentFiles = WireValues.list(environmentFiles);
        secrets = WireValues.list(secrets);
        portMappings = WireValues.list(portMappings);
        links = WireValues.list(links);
        mountPoints = WireValues.list(mountPoints);
        volumesFrom = WireValues.list(volumesFrom);
        dependsOn = WireValues.list(dependsOn);
        hostname = WireValues.text(hostname);
        user = WireValues.text(user);
        workingDirectory = WireValues.text(workingDirectory);
        dnsServers = WireValues.list(dnsServers);
        dnsSearchDomains = WireValues.list(dnsSearchDomains);
        extraHosts = WireValues.list(extraHosts);
        dockerSecurityOptions = WireValues.list(dockerSecurityOptions);
        dockerLabels = WireValues.map(dockerLabels);
        ulimits = WireValues.list(ulimits);
        logConfiguration = logConfiguration == null ? LogSettings.NONE : logConfiguration;
        healthCheck = healthCheck == null ? HealthProbe.NONE : healthCheck;
        systemControls = WireValues.map(systemControls);
        linuxParameters = linuxParameters == null ? LinuxFeatures.NONE : linuxParameters;
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    public boolean hasHealthCheck() {
        return healthCheck.present();
    }

    public boolean hasLogConfiguration() {
        return logConfiguration.present();
    }

    /** Collects a container field by field; unset fields stay empty, {@code essential} is true unless set. */
    public static final class Builder {
        private final String name;
        private final String image;
        private String repositoryCredentials = "";
        private int cpu;
        private int memoryMiB;
        private int memoryReservationMiB;
        private boolean essential = true;
        private List<String> entryPoint = List.of();
        private List<String> command = List.of();
        private Map<String, String> environment = Map.of();
        private List<String> environmentFiles = List.of();
        private List<ContainerSecret> secrets = List.of();
        private List<ContainerPort> portMappings = List.of();
        private List<String> links = List.of();
        private List<VolumeMount> mountPoints = List.of();
        private List<VolumesFromContainer> volumesFrom = List.of();
        private List<DependsOn> dependsOn = List.of();
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
        private List<AddedHost> extraHosts = List.of();
        private List<String> dockerSecurityOptions = List.of();
        private boolean interactive;
        private boolean pseudoTerminal;
        private Map<String, String> dockerLabels = Map.of();
        private List<ResourceLimit> ulimits = List.of();
        private LogSettings logConfiguration = LogSettings.NONE;
        private HealthProbe healthCheck = HealthProbe.NONE;
        private Map<String, String> systemControls = Map.of();
        private LinuxFeatures linuxParameters = LinuxFeatures.NONE;

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder repositoryCredentials(String v) { repositoryCredentials = v; return this; }
        public Builder cpu(int v) { cpu = v; return this; }
        public Builder memoryMiB(int v) { memoryMiB = v; return this; }
        public Builder memoryReservationMiB(int v) { memoryReservationMiB = v; return this; }
        public Builder essential(boolean v) { essential = v; return this; }
        public Builder entryPoint(List<String> v) { entryPoint = v; return this; }
        public Builder command(List<String> v) { command = v; return this; }
        public Builder environment(Map<String, String> v) { environment = v; return this; }
        public Builder environmentFiles(List<String> v) { environmentFiles = v; return this; }
        public Builder secrets(List<ContainerSecret> v) { secrets = v; return this; }
        public Builder portMappings(List<ContainerPort> v) { portMappings = v; return this; }
        public Builder links(List<String> v) { links = v; return this; }
        public Builder mountPoints(List<VolumeMount> v) { mountPoints = v; return this; }
        public Builder volumesFrom(List<VolumesFromContainer> v) { volumesFrom = v; return this; }
        public Builder dependsOn(List<DependsOn> v) { dependsOn = v; return this; }
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
        public Builder extraHosts(List<AddedHost> v) { extraHosts = v; return this; }
        public Builder dockerSecurityOptions(List<String> v) { dockerSecurityOptions = v; return this; }
        public Builder interactive(boolean v) { interactive = v; return this; }
        public Builder pseudoTerminal(boolean v) { pseudoTerminal = v; return this; }
        public Builder dockerLabels(Map<String, String> v) { dockerLabels = v; return this; }
        public Builder ulimits(List<ResourceLimit> v) { ulimits = v; return this; }
        public Builder logConfiguration(LogSettings v) { logConfiguration = v; return this; }
        public Builder healthCheck(HealthProbe v) { healthCheck = v; return this; }
        public Builder systemControls(Map<String, String> v) { systemControls = v; return this; }
        public Builder linuxParameters(LinuxFeatures v) { linuxParameters = v; return this; }

        public AssignedContainer build() {
            return new AssignedContainer(name, image, repositoryCredentials, cpu, memoryMiB, memoryReservationMiB,
                    essential, entryPoint, command, environment, environmentFiles, secrets, portMappings, links,
                    mountPoints, volumesFrom, dependsOn, startTimeoutSeconds, stopTimeoutSeconds, hostname, user,
                    workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers,
                    dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels,
                    ulimits, logConfiguration, healthCheck, systemControls, linuxParameters);
        }
    }
}
