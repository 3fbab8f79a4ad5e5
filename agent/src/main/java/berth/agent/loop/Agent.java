package berth.agent.loop;

import berth.agent.endpoints.TaskEndpoints;

import berth.agent.core.AgentSettings;
import berth.agent.runtime.Runtime;
import berth.agentwire.AssignmentBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host joined to a cluster as a container instance: it registers (again as the same instance
 * after a restart), long-polls its assignments and runs them with an {@link AgentLoop}. Stopping the
 * agent leaves its containers running; the next agent on the same data directory adopts them.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration MAX_REGISTER_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLUSTER_POLL = Duration.ofMillis(500);
    private static final String CLUSTER_NOT_FOUND = "ClusterNotFoundException";

    private final AgentConfig config;
    private final Runtime runtime;
    private final ControlPlane controlPlane;
    private final InstanceIdentityFile identity;
    private final RegistryCredentials registry;
    private final ExecutionSecrets secrets;
    private final LogShipping logs;
    private final TaskEndpoints endpoints;
    private final Clock clock;
    private volatile String containerInstanceArn;
    private volatile boolean closed;
    private AgentLoop loop;

    /** The instance metadata service's identity document, when this host is an EC2 instance. */
    private final Optional<ObjectNode> identityDocument;

    private Agent(AgentConfig config, Runtime runtime, ControlPlane controlPlane, InstanceIdentityFile identity,
                  Optional<ObjectNode> identityDocument, Clock clock, TaskEndpoints endpoints) {
        this.identityDocument = identityDocument;
        this.endpoints = endpoints;
        ExecutionRoles roles = new ExecutionRoles(endpoints);
        this.config = config;
        this.runtime = runtime;
        this.controlPlane = controlPlane;
        this.identity = identity;
        this.clock = clock;
        this.registry = new RegistryCredentials(config.endpoint(), clock, roles);
        this.secrets = new ExecutionSecrets(config.endpoint(), roles);
        this.logs = new AwsLogsShipping(config.endpoint(), runtime, clock, roles);
    }

    /**
     * Registers the host and starts running its tasks. Registration is retried until it succeeds or
     * the agent is closed, so an agent may start before its control plane answers. {@code endpoints}
     * serve its tasks' credentials and metadata (one per process, shared by its agents).
     */
    public static Agent start(AgentConfig config, Runtime runtime, Clock clock, TaskEndpoints endpoints) {
        return start(config, runtime, clock, endpoints, () -> true);
    }

    /**
     * As {@link #start(AgentConfig, Runtime, Clock, TaskEndpoints)}, giving up registering (with an
     * IllegalStateException) as soon as {@code wanted} turns false: a registration waiting for its
     * cluster must not outlive the world it was meant for.
     */
    public static Agent start(AgentConfig config, Runtime runtime, Clock clock, TaskEndpoints endpoints,
                              java.util.function.BooleanSupplier wanted) {
        Optional<ObjectNode> document = config.instanceMetadata()
                .map(uri -> new InstanceMetadata(uri).identityDocument(HostRegistration.hostAddress()));
        InstanceIdentityFile identity = InstanceIdentityFile.open(config.dataDir(),
                document.map(d -> d.path("instanceId").asText()));
        Agent agent = new Agent(config, runtime, new EcsControlPlane(config.endpoint()), identity, document, clock,
                endpoints);
        try {
            agent.registerUntilDone(wanted);
            agent.startLoop();
            return agent;
        } catch (RuntimeException | Error e) {
            agent.close();
            throw e;
        }
    }

    public String containerInstanceArn() {
        return containerInstanceArn;
    }

    public String instanceId() {
        return identity.instanceId();
    }

    /** Whether the agent has its first batch of assignments and runs them. */
    public boolean synced() {
        return loop != null && loop.synced();
    }

    private void registerUntilDone(java.util.function.BooleanSupplier wanted) {
        Duration backoff = Duration.ofMillis(200);
        boolean toldMissingCluster = false;
        while (!closed && wanted.getAsBoolean()) {
            Duration wait = backoff;
            try {
                register();
                return;
            } catch (ControlPlaneException e) {
                if (CLUSTER_NOT_FOUND.equals(e.code())) {
                    // a cluster that does not exist yet: joined as soon as someone creates it, told once
                    wait = CLUSTER_POLL;
                    if (!toldMissingCluster) {
                        LOG.info("cluster {} does not exist at {}; this host joins it once it is created",
                                config.cluster(), config.endpoint().endpoint());
                        toldMissingCluster = true;
                    }
                } else {
                    LOG.warn("cannot register in cluster {} at {} yet (retrying in {} ms): {}", config.cluster(),
                            config.endpoint().endpoint(), backoff.toMillis(), e.getMessage());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_REGISTER_BACKOFF) > 0 ? MAX_REGISTER_BACKOFF
                            : backoff.multipliedBy(2);
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering", e);
            }
        }
        throw new IllegalStateException("agent closed before it registered");
    }

    private synchronized void register() {
        var engine = runtime.info();
        Optional<String> previous = identity.containerInstanceArn();
        String arn;
        try {
            arn = controlPlane.register(HostRegistration.of(config, engine, identity.instanceId(), previous,
                    identityDocument));
        } catch (ControlPlaneException e) {
            if (!e.permanent() || previous.isEmpty()) {
                throw e;
            }
            LOG.info("the control plane no longer knows {} ({}); registering as a new container instance",
                    previous.get(), e.getMessage());
            identity.forgetRegistration();
            arn = controlPlane.register(HostRegistration.of(config, engine, identity.instanceId(), Optional.empty(),
                    identityDocument));
        }
        identity.registeredAs(arn);
        containerInstanceArn = arn;
        LOG.info("registered {} ({}) in cluster {} at {}", arn, identity.instanceId(), config.cluster(),
                config.endpoint().endpoint());
        try {
            controlPlane.discoverPollEndpoint(config.cluster(), arn)
                    .ifPresent(endpoint -> LOG.info("polling assignments at {}", endpoint));
        } catch (ControlPlaneException e) {
            LOG.debug("DiscoverPollEndpoint: {}; polling {}", e.getMessage(), config.endpoint().endpoint());
        }
    }

    private void startLoop() {
        StepExecutor executor = new StepExecutor(runtime, clock, registry::forImage, secrets, logs);
        loop = new AgentLoop(runtime, controlPlane, this::nextBatch, this::settings, clock, config.parallelism(),
                executor, logs, endpoints);
        loop.start();
    }

    private AgentSettings settings() {
        return new AgentSettings(identity.instanceId(), containerInstanceArn, config.endpoint().endpoint().toString(),
                config.cleanupWait(), AgentSettings.DEFAULT_AWSVPC_NETWORK, AgentSettings.DEFAULT_PAUSE_IMAGE, false);
    }

    /** The next assignment batch; an instance the control plane no longer knows registers again first. */
    private AssignmentBatch nextBatch(long since, int waitSeconds) {
        try {
            return controlPlane.assignments(config.cluster(), containerInstanceArn, since, waitSeconds);
        } catch (ControlPlaneException e) {
            // 404: the control plane no longer knows this instance (or its cluster), e.g. after its state was wiped
            if ("404".equals(e.code()) && !closed) {
                LOG.warn("assignments refused ({}); registering again", e.getMessage());
                try {
                    register();
                } catch (ControlPlaneException again) {
                    LOG.warn("registering again failed: {}", again.getMessage());
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (loop != null) {
            loop.close();
        }
        controlPlane.close();
        registry.close();
        secrets.close();
        identity.close();
    }
}
