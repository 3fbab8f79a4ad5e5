package berth.agent.loop;

import berth.agent.core.AgentSettings;
import berth.agent.core.LocalTaskState;
import berth.agent.core.Plan;
import berth.agent.core.TaskReconciler;
import berth.agent.core.TaskWork;
import berth.agent.endpoints.TaskEndpoints;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerEvent;
import berth.agent.runtime.EventSubscription;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeFailure;
import berth.agentwire.AgentProtocol;
import berth.agentwire.AssignmentBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered loop of one agent. Three things wake it: a new assignment batch (long-polled),
 * an engine event on one of its containers, and a one-second tick. Each round re-reads what changed,
 * runs the {@link TaskReconciler}, hands engine work to a bounded pool (one task's work at a time per
 * task) and reports to the {@link Reporter}. Nothing is lost when a wake-up is missed: the next round
 * decides from the whole picture again.
 */
public final class AgentLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration FULL_REFRESH = Duration.ofSeconds(30);
    /** Well inside the heartbeat timeout, so a waiting poll never lets the instance look disconnected. */
    private static final int POLL_WAIT_SECONDS = Math.min(AgentProtocol.MAX_WAIT_SECONDS,
            AgentProtocol.HEARTBEAT_TIMEOUT_SECONDS * 2 / 3);

    private final Runtime runtime;
    private final AssignmentSource source;
    private final Supplier<AgentSettings> settings;
    private final Clock clock;
    private final StepExecutor executor;
    private final Reporter reporter;
    private final LogShipping logs;
    private final TaskEndpoints endpoints;
    private final ObservedContainers observed;
    private final Map<String, String> agentLabels;
    private final Semaphore parallelism;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wakeups = new Semaphore(0);
    private final ConcurrentLinkedQueue<Map.Entry<String, UnaryOperator<LocalTaskState>>> outcomes =
            new ConcurrentLinkedQueue<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private Map<String, LocalTaskState> local = new HashMap<>();
    private TaskReconciler reconciler;
    private volatile AssignmentBatch latest;
    private volatile boolean closed;
    private volatile EventSubscription events;
    private Thread poller;
    private Thread looper;
    private UsageSampler usage;
    private final ControlPlane controlPlane;

    AgentLoop(Runtime runtime, ControlPlane controlPlane, AssignmentSource source, Supplier<AgentSettings> settings,
              Clock clock, int parallelism, StepExecutor executor, LogShipping logs, TaskEndpoints endpoints) {
        this.runtime = runtime;
        this.controlPlane = controlPlane;
        this.endpoints = endpoints;
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.logs = logs;
        this.parallelism = new Semaphore(parallelism);
        this.agentLabels = Map.of(BerthLabels.AGENT, settings.get().agentId());
        this.observed = new ObservedContainers(runtime, agentLabels, clock, FULL_REFRESH);
        this.reporter = new Reporter(controlPlane, clock, new Reporter.Listener() {
            @Override
            public void update(String taskArn, UnaryOperator<LocalTaskState> change) {
                outcomes.add(Map.entry(taskArn, change));
            }

            @Override
            public void wake() {
                AgentLoop.this.wake();
            }
        });
    }

    void start() {
        subscribe();
        poller = Thread.ofPlatform().daemon().name("agent-poll-" + settings.get().agentId()).start(this::poll);
        looper = Thread.ofPlatform().daemon().name("agent-loop-" + settings.get().agentId()).start(this::loop);
        usage = new UsageSampler(runtime, controlPlane, agentLabels, clock, UsageSampler.configuredInterval());
        usage.start(settings.get().agentId());
    }

    /** Whether the loop has received its first batch of assignments. */
    public boolean synced() {
        return latest != null;
    }

    private void subscribe() {
        try {
            events = runtime.events(agentLabels, this::onEvent);
        } catch (RuntimeFailure e) {
            LOG.warn("cannot follow engine events yet: {}", e.getMessage());
        }
    }

    private void onEvent(ContainerEvent event) {
        if (event instanceof ContainerEvent.Destroyed) {
            observed.forget(event.containerId());
        } else {
            observed.touched(event.containerId());
        }
        wake();
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void poll() {
        long since = 0;
        Duration backoff = Duration.ofMillis(250);
        while (!closed) {
            try {
                AssignmentBatch batch = source.next(since, POLL_WAIT_SECONDS);
                backoff = Duration.ofMillis(250);
                if (latest == null || batch.generation() != since || !batch.equals(latest)) {
                    latest = batch;
                    since = batch.generation();
                    wake();
                }
            } catch (ControlPlaneException e) {
                if (closed) {
                    return;
                }
                LOG.warn("cannot poll assignments (retrying in {} ms): {}", backoff.toMillis(), e.getMessage());
                // after a failure (a control plane restart, a new registration) ask for the whole picture at once
                since = 0;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                LOG.error("assignment poll failed", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (wakeups.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                round();
            } catch (RuntimeFailure.EngineUnavailable e) {
                LOG.warn("container engine unavailable: {}", e.getMessage());
                observed.refreshAll();
                sleep(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.error("agent round failed", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void round() {
        AssignmentBatch batch = latest;
        if (batch == null) {
            return;
        }
        if (events == null) {
            subscribe();
            observed.refreshAll();
        }
        for (Map.Entry<String, UnaryOperator<LocalTaskState>> o; (o = outcomes.poll()) != null; ) {
            LocalTaskState state = local.get(o.getKey());
            if (state != null) {
                local.put(o.getKey(), o.getValue().apply(state));
            }
        }
        observed.refresh();
        AgentSettings current = settings.get();
        if (reconciler == null || !reconciler.settings().equals(current)) {
            reconciler = new TaskReconciler(current);
        }
        // the task endpoints learn the tasks (credentials, metadata) before any of their containers starts
        endpoints.update(current.agentId(), current.controlPlane(), runtime, batch.tasks());
        Plan plan = reconciler.reconcile(batch.tasks(), observed.all(), local, clock.instant());
        local = new HashMap<>(plan.states());
        for (TaskWork work : plan.work()) {
            if (busy.add(work.taskArn())) {
                workers.submit(() -> execute(work));
            }
        }
        plan.taskReports().forEach(reporter::submit);
        plan.containerReports().forEach(reporter::submit);
        plan.observations().forEach(reporter::submit);
        logs.sync(batch.tasks(), observed.all());
    }

    private void execute(TaskWork work) {
        try {
            parallelism.acquire();
            try {
                executor.run(work, agentLabels, new StepExecutor.Listener() {
                    @Override
                    public void update(String taskArn, UnaryOperator<LocalTaskState> change) {
                        outcomes.add(Map.entry(taskArn, change));
                    }

                    @Override
                    public void touched(String containerId) {
                        observed.touched(containerId);
                    }
                });
            } finally {
                parallelism.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("work of task {} failed", work.taskArn(), e);
        } finally {
            busy.remove(work.taskArn());
            wake();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (usage != null) {
            usage.close();
        }
        endpoints.remove(settings.get().agentId());
        if (events != null) {
            events.close();
        }
        if (poller != null) {
            poller.interrupt();
        }
        if (looper != null) {
            looper.interrupt();
        }
        workers.shutdownNow();
        logs.close();
    }
}
