package berth.ecs.control;

import berth.ecs.core.task.ReconcilePlan;
import berth.ecs.core.task.ReconcileSettings;
import berth.ecs.core.task.TaskReconciler;
import berth.ecs.state.CapacityRecords;
import berth.ecs.state.ClientTokenRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskRecords;
import berth.store.Store;
import berth.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task reconciler's loop: one thread that reads tasks, instances, capacity and client tokens,
 * asks {@link TaskReconciler} what to do and applies it. It runs when a task, instance or capacity
 * record changes, when the next timeout falls due, and at least every {@link #IDLE_PASS}; since each
 * pass re-reads everything, a missed change or a restart only delays convergence to the next pass.
 */
final class TaskReconcileLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskReconcileLoop.class);
    static final Duration IDLE_PASS = Duration.ofSeconds(5);
    private static final Duration MIN_GAP = Duration.ofMillis(20);

    private final Store store;
    private final Clock clock;
    private final ReconcileSettings settings;
    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final CapacityRecords capacities;
    private final ClientTokenRecords tokens;
    private final ReconcileExecutor executor;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Object signal = new Object();
    private boolean dirty = true;
    private volatile boolean running;
    private Thread thread;

    TaskReconcileLoop(Store store, Clock clock, ReconcileSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.capacities = new CapacityRecords(store);
        this.tokens = new ClientTokenRecords(store);
        this.executor = new ReconcileExecutor(store, settings);
    }

    void start() {
        running = true;
        for (String kind : List.of(TaskRecords.KIND, ContainerInstanceRecords.KIND, CapacityRecords.KIND)) {
            subscriptions.add(store.watch(kind, c -> {
                if (c.record().kind().equals(kind)) {
                    wake();
                }
            }));
        }
        thread = Thread.ofPlatform().name("ecs-task-reconciler").daemon().start(this::run);
    }

    void wake() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void run() {
        Instant nextDeadline = clock.instant();
        while (running) {
            try {
                waitForWork(nextDeadline);
                if (!running) {
                    return;
                }
                nextDeadline = pass();
                Thread.sleep(MIN_GAP.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("task reconciliation pass failed; retrying", e);
                nextDeadline = clock.instant().plusSeconds(1);
            }
        }
    }

    private void waitForWork(Instant deadline) throws InterruptedException {
        synchronized (signal) {
            while (running && !dirty) {
                long millis = Duration.between(clock.instant(), deadline).toMillis();
                if (millis <= 0) {
                    break;
                }
                signal.wait(millis);
            }
            dirty = false;
        }
    }

    /** One pass; returns when the next pass is due without any change. */
    private Instant pass() {
        Instant now = clock.instant();
        List<TaskReconciler.StoredTask> stored = tasks.all().stream()
                .map(v -> new TaskReconciler.StoredTask(v.task(), v.version())).toList();
        TaskReconciler.Desired desired = new TaskReconciler.Desired(stored, tokens.all());
        TaskReconciler.Observed observed = new TaskReconciler.Observed(instances.all(), capacities.all());
        ReconcilePlan plan = TaskReconciler.reconcile(desired, observed, now, settings);
        if (!plan.isEmpty()) {
            executor.apply(plan, now);
        }
        Instant idle = now.plus(IDLE_PASS);
        return TaskReconciler.nextDeadline(desired, observed, now, settings).filter(d -> d.isBefore(idle))
                .orElse(idle);
    }

    @Override
    public void close() {
        running = false;
        subscriptions.forEach(Subscription::close);
        wake();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
