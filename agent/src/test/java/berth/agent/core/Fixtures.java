package berth.agent.core;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.HealthStatus;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.NetworkBinding;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import berth.ecs.agentwire.TaskAssignment;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.core.taskdef.Volume;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assignments, task definitions and engine observations for reconciler tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/default";
    static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/default/abc";
    static final AgentSettings SETTINGS = new AgentSettings("i-0123456789abcdef0", INSTANCE,
            "http://127.0.0.1:4566", Duration.ofMinutes(10), AgentSettings.DEFAULT_AWSVPC_NETWORK,
            AgentSettings.DEFAULT_PAUSE_IMAGE, false);
    static final TaskReconciler RECONCILER = new TaskReconciler(SETTINGS);

    private Fixtures() {}

    static ContainerDefinition.Builder container(String name) {
        return ContainerDefinition.builder(name, "berth-test/busybox:latest");
    }

    static TaskDefinition definition(String networkMode, int cpu, int memory, List<Volume> volumes,
                                     ContainerDefinition... containers) {
        return new TaskDefinition("123456789012", "us-east-1", "web", 1, TaskDefinitionStatus.ACTIVE, "", "",
                networkMode, List.of(containers), volumes, List.of(), List.of(), List.of("EC2"), List.of(),
                cpu == 0 ? "" : Integer.toString(cpu), memory == 0 ? "" : Integer.toString(memory), cpu, memory,
                "", "", 0, RuntimePlatform.none(), Map.of(), T0, Instant.EPOCH, "root");
    }

    static TaskDefinition definition(ContainerDefinition... containers) {
        return definition("bridge", 0, 0, List.of(), containers);
    }

    static TaskAssignment task(String id, TaskDefinition definition) {
        return assignment(id, definition, "EC2", "RUNNING", "PENDING");
    }

    static TaskAssignment assignment(String id, TaskDefinition definition, String launchType, String desired,
                                     String last) {
        return new TaskAssignment("arn:aws:ecs:us-east-1:123456789012:task/default/" + id, CLUSTER, INSTANCE,
                launchType, desired, last, definition, "family:web", "", T0, 30, Map.of("AWS_REGION", "us-east-1"));
    }

    static TaskAssignment withStatus(TaskAssignment t, String desired, String last) {
        return new TaskAssignment(t.taskArn(), t.clusterArn(), t.containerInstanceArn(), t.launchType(), desired, last,
                t.taskDefinition(), t.group(), t.startedBy(), t.createdAt(), t.stopTimeoutSeconds(), t.environment());
    }

    /** An engine container of {@code task}, as this agent labels it. */
    static Observed observed(TaskAssignment task, String containerName) {
        return new Observed(task, containerName);
    }

    /** Builds one {@link ContainerObservation}. */
    static final class Observed {
        private final TaskAssignment task;
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

        Observed(TaskAssignment task, String name) {
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
