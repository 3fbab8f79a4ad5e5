package berth.ecs.state;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.placement.InstanceRejection;
import berth.ecs.core.placement.Placement;
import berth.ecs.core.placement.PlacementFailure;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.placement.Scheduler;
import berth.ecs.core.placement.TaskPlacement;
import berth.ecs.core.placement.TaskRequirements;
import berth.ecs.core.task.ClientToken;
import berth.ecs.core.task.FargateCapacity;
import berth.ecs.core.task.InstanceUsage;
import berth.ecs.core.task.LaunchFailure;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskReservation;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Starting tasks: the placement decision ({@link Scheduler}) on a consistent read of the cluster,
 * then one commit of the new tasks, the instances they take resources from and the client token, with
 * compare-and-set on every instance read. When anything changed meanwhile (another RunTask, a task
 * stopping, a heartbeat) the whole decision is taken again on fresh reads, so concurrent launches never
 * overcommit an instance.
 */
public final class TaskPlacements {
    private static final int ATTEMPTS = 100;

    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final CapacityRecords capacities;
    private final TaskCommits commits;
    private final Clock clock;
    private final RandomGenerator ids;

    public TaskPlacements(Store store, Clock clock, RandomGenerator ids) {
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.capacities = new CapacityRecords(store);
        this.commits = new TaskCommits(store);
        this.clock = clock;
        this.ids = ids;
    }

    /** The tasks started and the failures to report. */
    public record Outcome(List<Task> tasks, List<LaunchFailure> failures) {}

    /** The token to remember with the tasks: its text, request fingerprint and the version it replaces. */
    public record TokenToRemember(String token, String fingerprint, long expectedVersion) {}

    /** The cluster has no ACTIVE instance of the launch type (RunTask answers InvalidParameterException). */
    public static final class NoContainerInstances extends RuntimeException {
        NoContainerInstances() {
            super(PlacementFailure.NoContainerInstances.MESSAGE, null, false, false);
        }
    }

    /** Another request remembered the same client token first; decide again on the token's record. */
    public static final class TokenTaken extends RuntimeException {
        TokenTaken() {
            super("client token taken", null, false, false);
        }
    }

    /** Starts {@code count} Fargate tasks: no instance to place on; the cluster's capacity is registered if new. */
    public Outcome fargate(TaskLaunch launch, RunTaskRules.LaunchTarget target, int count,
                           Optional<TokenToRemember> token) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            List<Task> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TaskLaunch forTask = launch.withCapacityProvider(target.capacityProviderFor(i));
                started.add(forTask.newTask("", launch.region() + "a", TaskReservation.none(), ids, now));
            }
            FargateCapacity registered = FargateCapacity.registered(launch.scope(), launch.cluster(), now);
            Optional<FargateCapacity> newCapacity = capacities.find(registered.key()).isPresent() ? Optional.empty()
                    : Optional.of(registered);
            if (commit(launch, started, List.of(), token, List.of(), newCapacity, now, attempt)) {
                return new Outcome(started, List.of());
            }
        }
    }

    /** Places {@code count} tasks on the cluster's instances as the strategies and constraints say. */
    public Outcome onCluster(TaskLaunch launch, TaskRequirements requirements, List<PlacementStrategy> strategies,
                             RandomGenerator random, int count, Optional<TokenToRemember> token) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            ClusterRead read = read(launch);
            List<InstanceSnapshot> snapshots = new ArrayList<>();
            for (Versioned<ContainerInstance> v : read.instances().values()) {
                snapshots.add(read.accounted(v.value()).toSnapshot(read.onInstance(v.value().arn())));
            }
            Placement placement = Scheduler.place(new ClusterSnapshot(snapshots), requirements, strategies, random,
                    count);
            if (placement.noContainerInstances()) {
                throw new NoContainerInstances();
            }
            List<Task> started = new ArrayList<>();
            for (TaskPlacement outcome : placement.tasks()) {
                if (outcome instanceof TaskPlacement.Placed placed) {
                    ContainerInstance instance = read.instances().get(placed.containerInstanceArn()).value();
                    started.add(launch.newTask(instance.arn(), instance.attribute(InstanceSnapshot.AVAILABILITY_ZONE)
                            .orElse(""), reservation(requirements), ids, now));
                }
            }
            List<LaunchFailure> failures = placement.failures().stream()
                    .map(r -> new LaunchFailure(r.containerInstanceArn(), r.ecsReason(), "")).toList();
            if (commit(launch, started, failures, token, instanceWrites(read, started), Optional.empty(), now,
                    attempt)) {
                return new Outcome(started, failures);
            }
        }
    }

    /**
     * StartTask: one task of the launch on each named instance ({@code instanceIds}, as the request named
     * them, resolved to ids or empty when they name none); resources and ports are checked, placement
     * constraints and strategies are not.
     */
    public Outcome onInstances(TaskLaunch launch, TaskRequirements requirements, List<String> references,
                               List<Optional<String>> instanceIds) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            ClusterRead read = read(launch);
            List<Task> started = new ArrayList<>();
            List<LaunchFailure> failures = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                Optional<Versioned<ContainerInstance>> target = instanceIds.get(i).flatMap(id ->
                        read.instances().values().stream().filter(v -> v.value().id().equals(id)).findFirst());
                if (target.isEmpty()) {
                    failures.add(new LaunchFailure(references.get(i), "MISSING", ""));
                    continue;
                }
                ContainerInstance instance = read.accounted(target.get().value());
                ClusterSnapshot single = ClusterSnapshot.of(instance.toSnapshot(read.onInstance(instance.arn())));
                Placement placement = Scheduler.place(single, requirements.withConstraints(List.of()),
                        List.of(new PlacementStrategy.Random()), 0L, 1);
                if (placement.tasks().get(0) instanceof TaskPlacement.NotPlaced(PlacementFailure failure)) {
                    String reason = failure instanceof PlacementFailure.Rejected rejected
                            ? rejected.closest().ecsReason() : instance.status().name();
                    failures.add(new LaunchFailure(instance.arn(), reason, ""));
                    continue;
                }
                Task task = launch.newTask(instance.arn(), instance.attribute(InstanceSnapshot.AVAILABILITY_ZONE)
                        .orElse(""), reservation(requirements), ids, now);
                started.add(task);
                read.add(task);
            }
            if (commit(launch, started, failures, Optional.empty(), instanceWrites(read, started), Optional.empty(),
                    now, attempt)) {
                return new Outcome(started, failures);
            }
        }
    }

    private boolean commit(TaskLaunch launch, List<Task> started, List<LaunchFailure> failures,
                           Optional<TokenToRemember> token, List<TaskCommits.InstanceWrite> placedOn,
                           Optional<FargateCapacity> capacity, Instant now, int attempt) {
        Optional<TaskCommits.TokenWrite> tokenWrite = token.map(t -> new TaskCommits.TokenWrite(new ClientToken(
                launch.accountId(), launch.region(), launch.cluster(), t.token(), t.fingerprint(),
                started.stream().map(Task::arn).toList(), failures, now), t.expectedVersion()));
        try {
            commits.launch(started, placedOn, tokenWrite, capacity);
            return true;
        } catch (VersionConflict conflict) {
            if (conflict.kind().equals(ClientTokenRecords.KIND)) {
                throw new TokenTaken();
            }
            if (attempt >= ATTEMPTS) {
                throw conflict;
            }
            return false;
        }
    }

    static TaskReservation reservation(TaskRequirements requirements) {
        return new TaskReservation(requirements.cpuUnits(), requirements.memoryMiB(), requirements.hostPorts());
    }

    static List<TaskCommits.InstanceWrite> instanceWrites(ClusterRead read, List<Task> started) {
        Map<String, List<Task>> placed = new LinkedHashMap<>();
        started.forEach(t -> placed.computeIfAbsent(t.containerInstanceArn(), k -> new ArrayList<>()).add(t));
        List<TaskCommits.InstanceWrite> writes = new ArrayList<>();
        for (String arn : placed.keySet()) {
            Versioned<ContainerInstance> v = read.instances().get(arn);
            List<Task> all = new ArrayList<>(read.tasksOn(arn));
            placed.get(arn).stream().filter(t -> !all.contains(t)).forEach(all::add);
            writes.add(new TaskCommits.InstanceWrite(InstanceUsage.accounted(v.value(), all), v.version()));
        }
        return writes;
    }

    private ClusterRead read(TaskLaunch launch) {
        return read(launch.scope(), launch.cluster());
    }

    ClusterRead read(berth.aws.Scope scope, String cluster) {
        Map<String, Versioned<ContainerInstance>> registered = new LinkedHashMap<>();
        for (Versioned<ContainerInstance> v : instances.versioned(scope, cluster)) {
            if (v.value().registered()) {
                registered.put(v.value().arn(), v);
            }
        }
        Map<String, List<Task>> byInstance = new HashMap<>();
        for (Versioned<Task> stored : tasks.list(scope, cluster)) {
            Task task = stored.value();
            if (task.onInstance() && !task.stopped()) {
                byInstance.computeIfAbsent(task.containerInstanceArn(), k -> new ArrayList<>()).add(task);
            }
        }
        return new ClusterRead(registered, byInstance);
    }

    /** The registered instances of a cluster (with versions) and the unstopped tasks on each, read together. */
    record ClusterRead(Map<String, Versioned<ContainerInstance>> instances,
                               Map<String, List<Task>> byInstance) {
        List<Task> tasksOn(String arn) {
            return byInstance.getOrDefault(arn, List.of());
        }

        List<TaskOnInstance> onInstance(String arn) {
            return tasksOn(arn).stream().map(t -> new TaskOnInstance(t.group(), t.family())).toList();
        }

        ContainerInstance accounted(ContainerInstance instance) {
            return InstanceUsage.accounted(instance, tasksOn(instance.arn()));
        }

        void add(Task task) {
            byInstance.computeIfAbsent(task.containerInstanceArn(), k -> new ArrayList<>()).add(task);
        }
    }
}
