package berth.ec2.machines;

import berth.agent.endpoints.TaskEndpoints;
import berth.agent.loop.Agent;
import berth.agent.loop.AgentConfig;
import berth.agent.loop.AwsEndpoint;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.Runtime;
import berth.aws.Scope;
import berth.aws.SigningKey;
import berth.ec2.core.EcsConfig;
import berth.ec2.core.Instance;
import berth.ec2.core.InstanceLifecycle;
import berth.ec2.core.InstanceState;
import berth.ec2.core.InstanceTypes;
import berth.ec2.core.MachineDecision;
import berth.ec2.state.Ec2Records;
import berth.platform.Platform;
import berth.platform.WakeableLoop;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Makes this host's machines match its instances ({@link MachineDecision}): each pending or running
 * instance is a berth agent in this process that reads its identity document from the instance's
 * metadata service, declares its instance type's CPU and memory, and joins the cluster its user data
 * names; a stopped or terminated instance's agent is closed and its containers removed, and a
 * terminating one's container instance is deregistered first (forced, so its tasks stop, as ECS does
 * when an instance terminates).
 */
public final class MachineLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MachineLoop.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /** One instance's machine: its agent once started, and what the decision needs to know. */
    private static final class Machine {
        volatile Agent agent;
        volatile Thread starting;
        volatile boolean deregistered;
        volatile int crashes;
        volatile Instant lastExit = Instant.EPOCH;
    }

    private final Ec2Records records;
    private final Platform platform;
    private final Runtime runtime;
    private final String hostId;
    private final Duration retention;
    private final TaskEndpoints endpoints = new TaskEndpoints();
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private final WakeableLoop loop;

    public MachineLoop(Ec2Records records, Platform platform, Runtime runtime, String hostId, Duration retention) {
        this.records = records;
        this.platform = platform;
        this.runtime = runtime;
        this.hostId = hostId;
        this.retention = retention;
        this.loop = new WakeableLoop("berth-ec2-machines", platform.store(), platform.clock(),
                List.of(Ec2Records.INSTANCE_KIND), Duration.ofMillis(20), this::pass);
    }

    public void start() {
        loop.start();
    }

    private Instant pass() {
        Instant now = platform.clock().instant();
        List<Instance> mine = records.instances.list("").stream().filter(i -> i.hostId().equals(hostId)).toList();
        Map<String, MachineDecision.Machine> observed = new HashMap<>();
        machines.forEach((id, m) -> observed.put(id, new MachineDecision.Machine(m.agent != null || m.starting != null,
                m.crashes, m.lastExit, Instant.EPOCH, m.deregistered)));
        MachineDecision.Plan plan = MachineDecision.decide(mine, observed, now, retention, Duration.ofSeconds(30));
        Instant next = plan.nextPass();
        for (MachineDecision.Action action : plan.actions()) {
            try {
                apply(action, now);
            } catch (RuntimeException e) {
                LOG.warn("instance {}: {} failed: {}", action.instanceId(), action.getClass().getSimpleName(), e.toString());
                Instant retry = now.plus(RETRY_AFTER_FAILURE);
                if (retry.isBefore(next)) next = retry;
            }
        }
        return next;
    }

    private void apply(MachineDecision.Action action, Instant now) {
        switch (action) {
            case MachineDecision.StartAgent s -> startAgent(s.instance());
            case MachineDecision.MarkRunning m -> settle(m.instance(), InstanceState.PENDING);
            case MachineDecision.StopMachine s -> stopMachine(s.instanceId());
            case MachineDecision.MarkStopped m -> settle(m.instance(), InstanceState.STOPPING);
            case MachineDecision.Deregister d -> deregister(d.instance());
            case MachineDecision.RemoveMachine r -> remove(r.instance());
            case MachineDecision.Forget f -> records.instance(f.instance().scope(), f.instanceId())
                    .ifPresent(v -> records.instances.remove(f.instance().scope().key(f.instanceId()), v.version()));
            case MachineDecision.StopOrphan o -> {
                // no instance of this host wants it any more
                stopMachine(o.instanceId());
                machines.remove(o.instanceId());
            }
        }
        // the machine changed without a write to the store: decide again on what it is now
        if (!(action instanceof MachineDecision.MarkRunning || action instanceof MachineDecision.Forget)) loop.wake();
    }

    private void settle(Instance instance, InstanceState from) {
        records.instances.update(instance.scope().key(instance.id()), i -> i.state() == from
                ? InstanceLifecycle.settled(i, platform.clock().instant()) : i);
        LOG.info("instance {} is {}", instance.id(), from == InstanceState.PENDING ? "running" : "stopped");
    }

    private void startAgent(Instance instance) {
        Machine machine = machines.computeIfAbsent(instance.id(), id -> new Machine());
        if (machine.agent != null || machine.starting != null) return;
        InstanceTypes.Type type = InstanceTypes.find(instance.instanceType()).orElseThrow();
        EcsConfig config = EcsConfig.ofUserData(instance.userData());
        URI metadata = MetadataService.endpointOf(platform.endpoint(), instance);
        AwsEndpoint endpoint = new AwsEndpoint(platform.endpoint(), instance.region(), instance.hasInstanceProfile()
                ? InstanceProfileCredentialsProvider.builder().endpoint(metadata.toString()).build()
                : rootKeys(instance.scope()).credentials());
        Duration cleanup = config.cleanupWaitSeconds() > 0 ? Duration.ofSeconds(config.cleanupWaitSeconds())
                : AgentConfig.DEFAULT_CLEANUP_WAIT;
        AgentConfig agentConfig = new AgentConfig(config.cluster(), endpoint, Optional.of(type.cpuUnits()),
                Optional.of(Math.max(1, type.memoryMiB() - config.reservedMemoryMiB())), instance.id(),
                instance.availabilityZone(), config.instanceAttributes(), dataDir(instance), cleanup,
                AgentConfig.DEFAULT_PARALLELISM, Optional.of(metadata));
        machine.starting = Thread.ofVirtual().name("berth-ec2-" + instance.id()).start(() -> {
            try {
                Agent agent = Agent.start(agentConfig, runtime, platform.clock(), endpoints,
                        () -> machines.get(instance.id()) == machine && machine.starting != null);
                machine.agent = agent;
                machine.crashes = 0;
                LOG.info("instance {} ({}) joined cluster {} as {}", instance.id(), type.name(), config.cluster(),
                        agent.containerInstanceArn());
            } catch (RuntimeException e) {
                machine.crashes++;
                machine.lastExit = platform.clock().instant();
                LOG.warn("the agent of instance {} did not start: {}", instance.id(), e.toString());
            } finally {
                machine.starting = null;
                loop.wake();
            }
        });
        // the agent process is up: the instance runs while its agent registers, as on EC2
        loop.wake();
    }

    /** Closes its agent and removes its containers; what else is known of the machine stays for the next decision. */
    private void stopMachine(String instanceId) {
        Machine machine = machines.get(instanceId);
        if (machine != null) {
            machine.starting = null;
            if (machine.agent != null) machine.agent.close();
            machine.agent = null;
        }
        removeContainers(instanceId);
        LOG.info("the machine of instance {} is stopped", instanceId);
    }

    /** Its container instance deregistered, forced: ECS stops the tasks of an instance that is gone. */
    private void deregister(Instance instance) {
        Machine machine = machines.computeIfAbsent(instance.id(), id -> new Machine());
        String cluster = EcsConfig.ofUserData(instance.userData()).cluster();
        try (EcsClient ecs = EcsClient.builder().endpointOverride(platform.endpoint()).region(Region.of(instance.region()))
                .credentialsProvider(rootKeys(instance.scope()).credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
            if (!arns.isEmpty()) {
                ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns)).containerInstances().stream()
                        .filter(ci -> instance.id().equals(ci.ec2InstanceId()))
                        .forEach(ci -> ecs.deregisterContainerInstance(r -> r.cluster(cluster)
                                .containerInstance(ci.containerInstanceArn()).force(true)));
            }
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException gone) {
            // no cluster: nothing registered
        }
        machine.deregistered = true;
        loop.wake();
    }

    private void remove(Instance instance) {
        stopMachine(instance.id());
        Scope scope = instance.scope();
        records.subnets.update(scope.key(instance.subnetId()), s -> s.withAllocated(s.allocatedAddresses().stream()
                .filter(a -> !a.equals(instance.privateIp())).toList()));
        records.instances.update(scope.key(instance.id()), i -> i.state() == InstanceState.SHUTTING_DOWN
                ? InstanceLifecycle.settled(i, platform.clock().instant()) : i);
        machines.remove(instance.id());
        LOG.info("instance {} is terminated", instance.id());
    }

    private void removeContainers(String instanceId) {
        List<Thread> removals = new ArrayList<>();
        for (ContainerObservation c : runtime.list(Map.of(BerthLabels.MANAGED, "true", BerthLabels.AGENT, instanceId))) {
            removals.add(Thread.ofVirtual().start(() -> {
                try {
                    runtime.remove(c.id());
                } catch (RuntimeException e) {
                    LOG.warn("container {} of instance {} not removed: {}", c.name(), instanceId, e.getMessage());
                }
            }));
        }
        for (Thread t : removals) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Path dataDir(Instance instance) {
        return platform.home().resolve("ec2").resolve("instances").resolve(instance.id());
    }

    private AwsEndpoint rootKeys(Scope scope) {
        Optional<SigningKey> key = platform.credentials().find(scope.accountId());
        return new AwsEndpoint(platform.endpoint(), scope.region(), key.map(SigningKey::accessKeyId).orElse("test"),
                key.map(SigningKey::secretAccessKey).orElse("test"));
    }

    /** Closes every agent of this host (their containers stay for a restart to find, as a host's do). */
    public void closeAgents() {
        machines.values().forEach(m -> {
            m.starting = null;
            if (m.agent != null) m.agent.close();
        });
        machines.clear();
    }

    @Override
    public void close() {
        loop.close();
        closeAgents();
    }
}
