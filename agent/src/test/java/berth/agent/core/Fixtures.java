package berth.agent.core;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.HealthStatus;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.NetworkBinding;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.RoleCredentials;
import berth.agentwire.TaskVolume;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assignments, what they say of their task definitions, and engine observations for reconciler tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/default";
    static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/default/abc";
    static final AgentSettings SETTINGS = new AgentSettings("i-0123456789abcdef0", INSTANCE,
            "http://127.0.0.1:4566", Duration.ofMinutes(10), AgentSettings.DEFAULT_AWSVPC_NETWORK,
            AgentSettings.DEFAULT_PAUSE_IMAGE, false);
    static final TaskReconciler RECONCILER = new TaskReconciler(SETTINGS);

    private Fixtures() {}

    static AssignedContainer.Builder container(String name) {
        return AssignedContainer.builder(name, "berth-test/busybox:latest");
    }

    /** What an assignment carries of its task definition (family {@code web}, revision 1). */
    record Definition(String networkMode, int cpuUnits, int memoryMiB, List<TaskVolume> volumes,
                      List<AssignedContainer> containers, String pidMode, String ipcMode) {
        Definition withNamespaces(String pid, String ipc) {
            return new Definition(networkMode, cpuUnits, memoryMiB, volumes, containers, pid, ipc);
        }
    }

    static Definition definition(String networkMode, int cpu, int memory, List<TaskVolume> volumes,
                                 AssignedContainer... containers) {
        return new Definition(networkMode, cpu, memory, volumes, List.of(containers), "", "");
    }

    static Definition definition(AssignedContainer... containers) {
        return definition("bridge", 0, 0, List.of(), containers);
    }

    static AssignedTask task(String id, Definition definition) {
        return assignment(id, definition, "EC2", "RUNNING", "PENDING");
    }

    static AssignedTask assignment(String id, Definition d, String launchType, String desired, String last) {
        return new AssignedTask("arn:aws:ecs:us-east-1:123456789012:task/default/" + id, CLUSTER, INSTANCE,
                launchType, desired, last, T0, "web", 1, d.networkMode(), d.pidMode(), d.ipcMode(), d.cpuUnits(),
                d.memoryMiB(), d.containers(), d.volumes(), 30, Map.of("AWS_REGION", "us-east-1"),
                RoleCredentials.NONE, RoleCredentials.NONE);
    }

    static AssignedTask withStatus(AssignedTask t, String desired, String last) {
        return new AssignedTask(t.taskArn(), t.clusterArn(), t.containerInstanceArn(), t.launchType(), desired, last,
                t.createdAt(), t.family(), t.revision(), t.networkMode(), t.pidMode(), t.ipcMode(), t.cpuUnits(),
                t.memoryMiB(), t.containers(), t.volumes(), t.stopTimeoutSeconds(), t.environment(),
                t.taskRoleCredentials(), t.executionRoleCredentials());
    }

    static AssignedTask withRoles(AssignedTask t, RoleCredentials taskRole, RoleCredentials executionRole) {
        return new AssignedTask(t.taskArn(), t.clusterArn(), t.containerInstanceArn(), t.launchType(),
                t.desiredStatus(), t.lastStatus(), t.createdAt(), t.family(), t.revision(), t.networkMode(),
                t.pidMode(), t.ipcMode(), t.cpuUnits(), t.memoryMiB(), t.containers(), t.volumes(),
                t.stopTimeoutSeconds(), t.environment(), taskRole, executionRole);
    }

    /** An engine container of {@code task}, as this agent labels it. */
    static Observed observed(AssignedTask task, String containerName) {
        return new Observed(task, containerName);
    }

    /** Builds one {@link ContainerObservation}. */
    static final class Observed {
        private final AssignedTask task;
        private final String name;
        private ContainerState state = ContainerState.RUNNING;
        private Optional<Integer> exitCode = Optional.empty();
        private Optional<Instant> startedAt = Optional.of(T0);
        private boolean oom;
        private HealthStatus health = HealthStatus.NONE;
        private List<NetworkBinding> bindings = List.of();
        private final Map<String, String> ips = new HashMap<>();
        private final Map<String, String> macs = new HashMap<>();
        private String agent = SETTINGS.agentId();

        Observed(AssignedTask task, String name) {
            this.task = task;
            this.name = name;
        }

        Observed created() {
            state = ContainerState.CREATED;
            startedAt = Optional.empty();
            return this;
        }

        Observed exited(int code) {
            state = ContainerState.EXITED;
            exitCode = Optional.of(code);
            return this;
        }

        Observed oomKilled() {
            oom = true;
            return exited(137);
        }

        Observed startedAt(Instant at) {
            startedAt = Optional.of(at);
            return this;
        }

        Observed health(HealthStatus status) {
            health = status;
            return this;
        }

        Observed bound(int containerPort, int hostPort) {
            bindings = List.of(new NetworkBinding("0.0.0.0", containerPort, hostPort, TransportProtocol.TCP));
            return this;
        }

        Observed ip(String network, String ip, String mac) {
            ips.put(network, ip);
            macs.put(network, mac);
            return this;
        }

        Observed agent(String id) {
            agent = id;
            return this;
        }

        String id() {
            return "id-" + name.replace("~", "") + "-" + task.taskId();
        }

        ContainerObservation build() {
            Map<String, String> labels = new HashMap<>(TaskLayout.labels(SETTINGS, task));
            labels.put(BerthLabels.CONTAINER_NAME, name);
            labels.put(BerthLabels.AGENT, agent);
            return new ContainerObservation(id(), TaskLayout.hostName(task, name), "berth-test/busybox:latest",
                    "sha256:img", labels, state, exitCode, startedAt,
                    state.stopped() ? Optional.of(T0.plusSeconds(5)) : Optional.empty(), oom, health, "", bindings, ips,
                    Resources.UNLIMITED, macs);
        }
    }

    static ImageRef busybox() {
        return ImageRef.of("berth-test/busybox:latest");
    }
}
