package berth.ecs.state;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.capacity.WaitingPlacement;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.placement.Placement;
import berth.ecs.core.placement.PlacementConstraint;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.placement.Scheduler;
import berth.ecs.core.placement.TaskPlacement;
import berth.ecs.core.placement.TaskRequirements;
import berth.ecs.core.task.LaunchFailure;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskReservation;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.core.taskdef.TaskPlacementConstraint;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Tasks of an Auto Scaling group capacity provider strategy: each task is placed on an instance of
 * its provider (the strategy's base and weights choose the provider), and a task no instance has room
 * for waits in PROVISIONING, without an instance, beside a {@link WaitingPlacement}, until managed
 * scaling brings capacity and {@link #placeWaiting} places it, as ECS does.
 */
public final class ProviderPlacements {
    public static final String WAITING_KIND = "ecs.waiting";
    private static final int ATTEMPTS = 100;

    private final TaskPlacements placements;
    private final TaskRecords tasks;
    private final TaskCommits commits;
    private final Store store;
    private final RecordTable<WaitingPlacement> waiting;
    private final Clock clock;
    private final RandomGenerator ids;

    public ProviderPlacements(Store store, Clock clock, RandomGenerator ids) {
        this.store = store;
        this.placements = new TaskPlacements(store, clock, ids);
        this.tasks = new TaskRecords(store);
        this.commits = new TaskCommits(store);
        this.waiting = new RecordTable<>(store, WAITING_KIND, WaitingPlacement.class, WaitingPlacement::key);
        this.clock = clock;
        this.ids = ids;
    }

    public List<WaitingPlacement> waiting() {
        return waiting.list("");
    }

    /** Starts {@code count} tasks through the target's providers: placed where there is room, waiting otherwise. */
    public TaskPlacements.Outcome start(TaskLaunch launch, RunTaskRules.LaunchTarget target, TaskRequirements requirements,
                                        List<PlacementStrategy> strategies, List<WaitingPlacement.Rule> constraintRules,
                                        List<WaitingPlacement.Rule> strategyRules, int count,
                                        Optional<TaskPlacements.TokenToRemember> token, RandomGenerator random) {
        Map<String, Integer> perProvider = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) perProvider.merge(target.capacityProviderFor(i), 1, Integer::sum);
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            TaskPlacements.ClusterRead read = placements.read(launch.scope(), launch.cluster());
            List<Task> started = new ArrayList<>();
            List<Write> more = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : perProvider.entrySet()) {
                String provider = entry.getKey();
                TaskLaunch forProvider = launch.withCapacityProvider(provider);
                Placement placement = Scheduler.place(snapshot(read, provider), requirements, strategies, random,
                        entry.getValue());
                int waitingCount = placement.noContainerInstances() ? entry.getValue() : 0;
                for (TaskPlacement outcome : placement.noContainerInstances() ? List.<TaskPlacement>of() : placement.tasks()) {
                    if (outcome instanceof TaskPlacement.Placed placed) {
                        ContainerInstance instance = read.instances().get(placed.containerInstanceArn()).value();
                        Task task = forProvider.newTask(instance.arn(), instance.attribute(InstanceSnapshot.AVAILABILITY_ZONE)
                                .orElse(""), TaskPlacements.reservation(requirements), ids, now);
                        started.add(task);
                        read.add(task);
                    } else {
                        waitingCount++;
                    }
                }
                for (int n = 0; n < waitingCount; n++) {
                    Task task = forProvider.newTask("", "", TaskReservation.none(), ids, now);
                    started.add(task);
                    more.add(waiting.put(new WaitingPlacement(task.accountId(), task.region(), task.cluster(), task.id(),
                            provider, constraintRules, strategyRules, now), Store.ABSENT));
                }
            }
            Optional<TaskCommits.TokenWrite> tokenWrite = token.map(t -> new TaskCommits.TokenWrite(
                    new berth.ecs.core.task.ClientToken(launch.accountId(), launch.region(), launch.cluster(), t.token(),
                            t.fingerprint(), started.stream().map(Task::arn).toList(), List.<LaunchFailure>of(), now),
                    t.expectedVersion()));
            List<Task> onInstances = started.stream().filter(Task::onInstance).toList();
            try {
                commits.launch(started, TaskPlacements.instanceWrites(read, onInstances), tokenWrite, Optional.empty(), more);
                return new TaskPlacements.Outcome(started, List.of());
            } catch (VersionConflict conflict) {
                if (conflict.kind().equals(ClientTokenRecords.KIND)) throw new TaskPlacements.TokenTaken();
                if (attempt >= ATTEMPTS) throw conflict;
            }
        }
    }

    /**
     * One waiting task placed if an instance of its provider has room now (true), or left waiting
     * (false); a task stopped meanwhile stops waiting.
     */
    public boolean placeWaiting(WaitingPlacement w, RandomGenerator random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<Task>> stored = tasks.find(w.key());
            Optional<Versioned<WaitingPlacement>> record = waiting.find(w.key());
            if (record.isEmpty()) return false;
            if (stored.isEmpty() || stored.get().value().onInstance() || stored.get().value().stopped()) {
                forget(record.get());
                return false;
            }
            Task task = stored.get().value();
            if (task.desiredStatus() == TaskStatus.STOPPED) {
                return false; // the task reconciler stops it; its waiting record goes with it
            }
            TaskPlacements.ClusterRead read = placements.read(task.scope(), task.cluster());
            TaskRequirements requirements = requirements(task, w);
            List<PlacementStrategy> strategies = w.strategies().stream()
                    .map(s -> PlacementStrategy.of(s.type(), s.value())).toList();
            Placement placement = Scheduler.place(snapshot(read, w.capacityProvider()), requirements, strategies, random, 1);
            if (placement.noContainerInstances()
                    || !(placement.tasks().get(0) instanceof TaskPlacement.Placed placed)) {
                return false;
            }
            ContainerInstance instance = read.instances().get(placed.containerInstanceArn()).value();
            Task onInstance = task.placedOn(instance.arn(), instance.attribute(InstanceSnapshot.AVAILABILITY_ZONE).orElse(""),
                    TaskPlacements.reservation(requirements));
            List<Write> writes = new ArrayList<>();
            writes.add(tasks.put(onInstance, stored.get().version()));
            writes.add(waiting.delete(w.key(), record.get().version()));
            read.add(onInstance);
            for (TaskCommits.InstanceWrite iw : TaskPlacements.instanceWrites(read, List.of(onInstance))) {
                writes.add(new ContainerInstanceRecords(store).put(iw.instance(), iw.expectedVersion()));
            }
            try {
                store.commit(writes);
                return true;
            } catch (VersionConflict raced) {
                // decide again on fresh reads
            }
        }
        return false;
    }

    private void forget(Versioned<WaitingPlacement> record) {
        try {
            waiting.remove(record.value().key(), record.version());
        } catch (VersionConflict raced) {
            // changed meanwhile: the next pass sees it
        }
    }

    /** What a waiting task needs of an instance: its definition's resources and constraints, and the request's. */
    public static TaskRequirements requirements(Task task, WaitingPlacement w) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        for (TaskPlacementConstraint c : task.definition().placementConstraints()) {
            constraints.add(PlacementConstraint.of(c.type(), c.expression()));
        }
        for (WaitingPlacement.Rule r : w.constraints()) constraints.add(PlacementConstraint.of(r.type(), r.value()));
        return task.definition().requirements(task.group()).withLaunchType(task.launchType()).withConstraints(constraints);
    }

    /** The registered instances of one capacity provider, with their tasks accounted. */
    private static ClusterSnapshot snapshot(TaskPlacements.ClusterRead read, String provider) {
        List<InstanceSnapshot> snapshots = new ArrayList<>();
        for (Versioned<ContainerInstance> v : read.instances().values()) {
            if (v.value().capacityProviderName().equals(provider)) {
                snapshots.add(read.accounted(v.value()).toSnapshot(read.onInstance(v.value().arn())));
            }
        }
        return new ClusterSnapshot(snapshots);
    }
}
