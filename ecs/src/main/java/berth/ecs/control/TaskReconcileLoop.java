package berth.ecs.control;

import berth.ecs.core.task.ReconcilePlan;
import berth.ecs.core.task.ReconcileSettings;
import berth.ecs.core.task.TaskReconciler;
import berth.ecs.state.CapacityRecords;
import berth.ecs.state.ClientTokenRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskRecords;
import berth.platform.WakeableLoop;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The task reconciler's loop: a {@link WakeableLoop} whose pass reads tasks, instances, capacity and
 * client tokens, asks {@link TaskReconciler} what to do and applies it. It runs when a task, instance
 * or capacity record changes, when the next timeout falls due, and at least every {@link #IDLE_PASS}.
 */
final class TaskReconcileLoop implements AutoCloseable {
    static final Duration IDLE_PASS = Duration.ofSeconds(5);
    private static final Duration MIN_GAP = Duration.ofMillis(20);

    private final Clock clock;
    private final ReconcileSettings settings;
    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final CapacityRecords capacities;
    private final ClientTokenRecords tokens;
    private final ReconcileExecutor executor;
    private final WakeableLoop loop;

    TaskReconcileLoop(Store store, Clock clock, ReconcileSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.capacities = new CapacityRecords(store);
        this.tokens = new ClientTokenRecords(store);
        this.executor = new ReconcileExecutor(store, settings);
        this.loop = new WakeableLoop("ecs-task-reconciler", store, clock,
                List.of(TaskRecords.KIND, ContainerInstanceRecords.KIND, CapacityRecords.KIND), MIN_GAP, this::pass);
    }

    void start() {
        loop.start();
    }

    void wake() {
        loop.wake();
    }

    /** One pass; returns when the next pass is due without any change. */
    private Instant pass() {
        Instant now = clock.instant();
        List<TaskReconciler.StoredTask> stored = tasks.all().stream()
                .map(v -> new TaskReconciler.StoredTask(v.value(), v.version())).toList();
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
        loop.close();
    }
}
