package berth.localagent;

import berth.agent.docker.DockerRuntime;
import berth.agent.endpoints.TaskEndpoints;
import berth.agent.loop.Agent;
import berth.agent.loop.AgentConfig;
import berth.agent.loop.AwsEndpoint;
import berth.agent.loop.FargateRunner;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.aws.Scope;
import berth.aws.SigningKey;
import berth.ecs.FargateRegions;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side of {@code berth up}: once berth is ready, one local agent joins this host to the
 * {@code default} cluster as soon as it exists (a fresh account has no cluster until someone creates
 * one, as in ECS) and a Fargate runner runs the Fargate tasks of each account and region that has
 * Fargate capacity (ECS's published {@link FargateRegions}). They are the agent module's own agents,
 * talking to berth over HTTP at its endpoint with the account's root credentials, exactly as a remote
 * agent would; {@code FargateRegions} is the only other thing they learn from ECS.
 * {@code BERTH_LOCAL_AGENT=0} leaves them out (tests that run their own agents). A reset removes every
 * container, and the task volumes, that agents of this berth created.
 */
public final class LocalAgentModule implements PlatformModule {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAgentModule.class);
    static final String LOCAL_CLUSTER = "default";

    private Platform platform;
    private DockerRuntime runtime;
    private boolean enabled;
    private volatile boolean stopped;
    /** The task endpoints of this process, shared by the local agent and every Fargate runner. */
    private final TaskEndpoints endpoints = new TaskEndpoints();
    private volatile Agent local;
    /** The local agent waits for its cluster to be created: berth is ready without it. */
    private volatile boolean clusterMissing;
    /** Bumped by every close, so an agent that finishes registering after a reset or stop is closed. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean starting = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<Scope, FargateRunner> fargate = new ConcurrentHashMap<>();
    private FargateRegions.Watch capacityWatch;

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of();
    }

    @Override
    public void start(Platform platform) {
        this.platform = platform;
        this.enabled = !"0".equals(System.getenv("BERTH_LOCAL_AGENT"));
        this.runtime = DockerRuntime.connect();
        if (!enabled) {
            LOG.info("local agent and Fargate runner disabled (BERTH_LOCAL_AGENT=0)");
            return;
        }
        // registration retries until the control plane answers, which is as soon as every module started
        Thread.ofPlatform().daemon().name("berth-local-agent").start(this::startAll);
    }

    /**
     * Starts the local agent. Registration may retry for a while (the control plane may not answer
     * yet), so it runs without holding this module's lock: a reset or stop meanwhile must not wait for
     * it, and an agent that finishes registering after one registers again, afresh.
     */
    private void startLocal() {
        if (stopped || local != null || !starting.compareAndSet(false, true)) {
            return;
        }
        try {
            while (!stopped) {
                long startedIn = generation.get();
                Agent agent;
                try {
                    agent = registerLocal(() -> !stopped && generation.get() == startedIn);
                } catch (RuntimeException e) {
                    LOG.debug("local agent not registered yet: {}", e.toString());
                    sleep(Duration.ofMillis(100));
                    continue;
                }
                synchronized (this) {
                    if (!stopped && generation.get() == startedIn) {
                        local = agent;
                        LOG.info("local agent {} runs tasks of cluster {} as {}", agent.instanceId(), LOCAL_CLUSTER,
                                agent.containerInstanceArn());
                        return;
                    }
                }
                // a reset wiped the world while this agent registered: register again, afresh
                agent.close();
            }
        } finally {
            starting.set(false);
        }
    }

    private Agent registerLocal(java.util.function.BooleanSupplier wanted) {
        AwsEndpoint endpoint = endpoint(platform.defaultAccountId());
        clusterMissing = !clusterExists(endpoint);
        AgentConfig config = new AgentConfig(LOCAL_CLUSTER, endpoint, Optional.empty(), Optional.empty(), "local", "",
                Map.of(), platform.home().resolve("agent").resolve("local"), cleanupWait(),
                AgentConfig.DEFAULT_PARALLELISM, Optional.empty());
        return Agent.start(config, runtime, platform.clock(), endpoints, wanted);
    }

    /** Whether the local agent's cluster exists yet; until it does, nothing waits for the agent to register. */
    private static boolean clusterExists(AwsEndpoint endpoint) {
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(endpoint.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return ecs.describeClusters(b -> b.clusters(LOCAL_CLUSTER)).clusters().stream()
                    .anyMatch(c -> "ACTIVE".equals(c.status()));
        }
    }

    /**
     * One Fargate runner per account and region with Fargate capacity, the default account's from the
     * start; without ECS in this berth, only that one.
     */
    private void startFargate() {
        runFargate(new Scope(platform.defaultAccountId(), platform.defaultRegion()));
        Optional<FargateRegions> regions = platform.lookup(FargateRegions.class);
        if (regions.isEmpty()) {
            return;
        }
        capacityWatch = regions.get().watch(this::runFargate);
        regions.get().current().forEach(this::runFargate);
    }

    private void runFargate(Scope scope) {
        if (stopped) {
            return;
        }
        String account = scope.accountId();
        String region = scope.region();
        fargate.computeIfAbsent(scope, k -> {
            AwsEndpoint base = endpoint(account);
            AwsEndpoint endpoint = base.inRegion(region);
            String runnerId = "fargate-" + Integer.toHexString(platform.home().toAbsolutePath().toString().hashCode())
                    + "-" + account + "-" + region;
            LOG.info("Fargate runner {} serves account {} in {}", runnerId, account, region);
            return FargateRunner.start(endpoint, runnerId, runtime, platform.clock(), cleanupWait(), endpoints);
        });
    }

    /** How long stopped tasks' containers stay: {@code BERTH_AGENT_CLEANUP_WAIT} (e.g. 30s), else an hour. */
    private static Duration cleanupWait() {
        String configured = System.getenv("BERTH_AGENT_CLEANUP_WAIT");
        return configured == null || configured.isBlank() ? AgentConfig.DEFAULT_CLEANUP_WAIT
                : AgentConfig.duration(configured.strip());
    }

    /** The endpoint signed as the root of {@code account}. */
    private AwsEndpoint endpoint(String account) {
        Optional<SigningKey> key = platform.credentials().find(account);
        String accessKey = key.map(SigningKey::accessKeyId).orElse("test");
        String secret = key.map(SigningKey::secretAccessKey).orElse("test");
        return new AwsEndpoint(platform.endpoint(), platform.defaultRegion(), accessKey, secret);
    }

    /** How long a reset waits for the local agent to register again, so the next RunTask finds it. */
    private static final Duration REREGISTER_WAIT = Duration.ofSeconds(10);

    /** berth is ready once the local agent has registered, so a RunTask right after start finds it. */
    @Override
    public void awaitReady() {
        long deadline = System.nanoTime() + REREGISTER_WAIT.toNanos();
        while (enabled && !stopped && local == null && !clusterMissing && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
    }

    @Override
    public void reset() {
        closeAgents();
        removeContainersAndVolumes();
        if (enabled && !stopped) {
            // a reset that wiped ECS leaves no cluster to join: then nothing waits for the local agent
            try {
                clusterMissing = !clusterExists(endpoint(platform.defaultAccountId()));
            } catch (RuntimeException e) {
                clusterMissing = false;
            }
            Thread.ofPlatform().daemon().name("berth-local-agent").start(this::startAll);
            awaitReady();
        }
    }

    /** The Fargate runners first: the local agent may wait a long time for its cluster to be created. */
    private void startAll() {
        try {
            startFargate();
            startLocal();
        } catch (RuntimeException e) {
            LOG.error("the local agent did not start", e);
        }
    }

    private synchronized void closeAgents() {
        generation.incrementAndGet();
        if (capacityWatch != null) {
            capacityWatch.close();
            capacityWatch = null;
        }
        fargate.values().forEach(FargateRunner::close);
        fargate.clear();
        if (local != null) {
            local.close();
            local = null;
        }
    }

    /** Every container and task volume the agents of this berth created, removed in parallel. */
    private void removeContainersAndVolumes() {
        Map<String, String> ours = Map.of(BerthLabels.MANAGED, "true",
                BerthLabels.CONTROL_PLANE, platform.endpoint().toString());
        List<Thread> removals = new ArrayList<>();
        for (ContainerObservation c : runtime.list(ours)) {
            removals.add(Thread.ofVirtual().start(() -> {
                try {
                    runtime.remove(c.id());
                } catch (RuntimeException e) {
                    LOG.warn("container {} not removed: {}", c.name(), e.getMessage());
                }
            }));
        }
        join(removals);
        removals.clear();
        for (String volume : runtime.listVolumes(ours)) {
            removals.add(Thread.ofVirtual().start(() -> {
                try {
                    runtime.removeVolume(volume);
                } catch (RuntimeException e) {
                    LOG.warn("volume {} not removed: {}", volume, e.getMessage());
                }
            }));
        }
        join(removals);
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        closeAgents();
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
