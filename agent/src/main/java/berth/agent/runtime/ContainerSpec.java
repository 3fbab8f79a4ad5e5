package berth.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the runtime needs to create one container of a task. Empty strings and lists mean
 * "what the image says" (entry point, command, working directory, user), matching an ECS container
 * definition that leaves the field out.
 *
 * @param name                   the container name on the host; unique among the host's containers
 * @param labels                 marks the container for adoption after restarts, see {@link BerthLabels}
 * @param networkAliases         extra DNS names on a {@link NetworkMode.Named} network
 * @param stopTimeout            how long a stop waits after SIGTERM before SIGKILL, when the stop
 *                               itself names no timeout (ECS {@code stopTimeout})
 * @param initProcessEnabled     run an init process as PID 1 that reaps zombies and forwards signals
 *                               (ECS {@code linuxParameters.initProcessEnabled})
 * @param linux                  the rest of the Linux process settings ({@link LinuxOptions#NONE}: the engine's)
 */
public record ContainerSpec(
        String name,
        ImageRef image,
        List<String> entryPoint,
        List<String> command,
        Map<String, String> environment,
        String workingDirectory,
        String user,
        String hostname,
        Map<String, String> labels,
        Resources resources,
        List<PortMapping> portMappings,
        NetworkMode networkMode,
        List<String> networkAliases,
        List<Mount> mounts,
        List<Ulimit> ulimits,
        Duration stopTimeout,
        HealthCheck healthCheck,
        LogConfiguration logConfiguration,
        List<ExtraHost> extraHosts,
        List<String> dnsServers,
        List<String> dnsSearchDomains,
        boolean privileged,
        boolean readOnlyRootFilesystem,
        boolean initProcessEnabled,
        LinuxOptions linux) {

    /** ECS's default for {@code stopTimeout} when a container definition gives none. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{1,254}");

    public ContainerSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid container name: '" + name + "'");
        }
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
        portMappings = List.copyOf(portMappings);
        networkAliases = List.copyOf(networkAliases);
        mounts = List.copyOf(mounts);
        ulimits = List.copyOf(ulimits);
        extraHosts = List.copyOf(extraHosts);
        dnsServers = List.copyOf(dnsServers);
        dnsSearchDomains = List.copyOf(dnsSearchDomains);
        if (!networkAliases.isEmpty() && !(networkMode instanceof NetworkMode.Named)) {
            throw new IllegalArgumentException("network aliases need a named network, not " + networkMode);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout is negative");
        }
    }

    public static Builder builder(String name, ImageRef image) {
        return new Builder(name, image);
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder(name, image);
        b.entryPoint = entryPoint;
        b.command = command;
        b.environment = new HashMap<>(environment);
        b.workingDirectory = workingDirectory;
        b.user = user;
        b.hostname = hostname;
        b.labels = new HashMap<>(labels);
        b.resources = resources;
        b.portMappings = new ArrayList<>(portMappings);
        b.networkMode = networkMode;
        b.networkAliases = networkAliases;
        b.mounts = new ArrayList<>(mounts);
        b.ulimits = new ArrayList<>(ulimits);
        b.stopTimeout = stopTimeout;
        b.healthCheck = healthCheck;
        b.logConfiguration = logConfiguration;
        b.extraHosts = new ArrayList<>(extraHosts);
        b.dnsServers = dnsServers;
        b.dnsSearchDomains = dnsSearchDomains;
        b.privileged = privileged;
        b.readOnlyRootFilesystem = readOnlyRootFilesystem;
        b.initProcessEnabled = initProcessEnabled;
        b.linux = linux;
        return b;
    }

    /** Builds a spec; every field not set keeps the image's or the engine's default. */
    public static final class Builder {
        private final String name;
        private final ImageRef image;
        private List<String> entryPoint = List.of();
        private List<String> command = List.of();
        private Map<String, String> environment = new HashMap<>();
        private String workingDirectory = "";
        private String user = "";
        private String hostname = "";
        private Map<String, String> labels = new HashMap<>();
        private Resources resources = Resources.UNLIMITED;
        private List<PortMapping> portMappings = new ArrayList<>();
        private NetworkMode networkMode = NetworkMode.bridge();
        private List<String> networkAliases = List.of();
        private List<Mount> mounts = new ArrayList<>();
        private List<Ulimit> ulimits = new ArrayList<>();
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private HealthCheck healthCheck = HealthCheck.imageDefault();
        private LogConfiguration logConfiguration = LogConfiguration.jsonFile();
        private List<ExtraHost> extraHosts = new ArrayList<>();
        private List<String> dnsServers = List.of();
        private List<String> dnsSearchDomains = List.of();
        private boolean privileged;
        private boolean readOnlyRootFilesystem;
        private boolean initProcessEnabled;
        private LinuxOptions linux = LinuxOptions.NONE;

        private Builder(String name, ImageRef image) {
            this.name = name;
            this.image = image;
        }

        public Builder entryPoint(List<String> value) {
            entryPoint = value;
            return this;
        }

        public Builder entryPoint(String... value) {
            return entryPoint(List.of(value));
        }

        public Builder command(List<String> value) {
            command = value;
            return this;
        }

        public Builder command(String... value) {
            return command(List.of(value));
        }

        public Builder environment(Map<String, String> value) {
            environment = new HashMap<>(value);
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder workingDirectory(String value) {
            workingDirectory = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = new HashMap<>(value);
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder resources(Resources value) {
            resources = value;
            return this;
        }

        public Builder portMappings(List<PortMapping> value) {
            portMappings = new ArrayList<>(value);
            return this;
        }

        public Builder portMapping(PortMapping value) {
            portMappings.add(value);
            return this;
        }

        public Builder networkMode(NetworkMode value) {
            networkMode = value;
            return this;
        }

        public Builder networkAliases(List<String> value) {
            networkAliases = value;
            return this;
        }

        public Builder mounts(List<Mount> value) {
            mounts = new ArrayList<>(value);
            return this;
        }

        public Builder mount(Mount value) {
            mounts.add(value);
            return this;
        }

        public Builder ulimits(List<Ulimit> value) {
            ulimits = new ArrayList<>(value);
            return this;
        }

        public Builder ulimit(Ulimit value) {
            ulimits.add(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            stopTimeout = value;
            return this;
        }

        public Builder healthCheck(HealthCheck value) {
            healthCheck = value;
            return this;
        }

        public Builder logConfiguration(LogConfiguration value) {
            logConfiguration = value;
            return this;
        }

        public Builder extraHosts(List<ExtraHost> value) {
            extraHosts = new ArrayList<>(value);
            return this;
        }

        public Builder extraHost(String hostname, String ipAddress) {
            extraHosts.add(new ExtraHost(hostname, ipAddress));
            return this;
        }

        public Builder dnsServers(List<String> value) {
            dnsServers = value;
            return this;
        }

        public Builder dnsSearchDomains(List<String> value) {
            dnsSearchDomains = value;
            return this;
        }

        public Builder privileged(boolean value) {
            privileged = value;
            return this;
        }

        public Builder readOnlyRootFilesystem(boolean value) {
            readOnlyRootFilesystem = value;
            return this;
        }

        public Builder initProcessEnabled(boolean value) {
            initProcessEnabled = value;
            return this;
        }

        public Builder linux(LinuxOptions value) {
            linux = value;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, entryPoint, command, environment, workingDirectory, user, hostname,
                    labels, resources, portMappings, networkMode, networkAliases, mounts, ulimits, stopTimeout,
                    healthCheck, logConfiguration, extraHosts, dnsServers, dnsSearchDomains, privileged,
                    readOnlyRootFilesystem, initProcessEnabled, linux);
        }
    }
}
