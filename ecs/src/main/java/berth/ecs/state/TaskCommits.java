package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.ClientToken;
import berth.ecs.core.task.FargateCapacity;
import berth.ecs.core.task.InstanceUsage;
import berth.ecs.core.task.Task;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every change to tasks that also changes what their container instances report, as one atomic,
 * compare-and-set store commit: new tasks together with the resources they take (and the client token
 * that started them), a task's state change together with its instance's remaining resources and task
 * counts. An instance's figures are always recomputed from all of its tasks
 * ({@link InstanceUsage#accounted}), so concurrent commits can never overcommit or leak resources: one
 * of two racing commits fails its compare-and-set and is retried on fresh reads.
 */
public final class TaskCommits {
    private static final int ATTEMPTS = 50;

    private final Store store;
    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final ClientTokenRecords tokens;
    private final CapacityRecords capacities;

    public TaskCommits(Store store) {
        this.store = store;
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.tokens = new ClientTokenRecords(store);
        this.capacities = new CapacityRecords(store);
    }

    /** An instance's new figures, to be written only if it is still at {@code expectedVersion}. */
    public record InstanceWrite(ContainerInstance instance, long expectedVersion) {}

    /** A client token to remember, over the record at {@code expectedVersion} ({@link Store#ABSENT} for none). */
    public record TokenWrite(ClientToken token, long expectedVersion) {}

    /**
     * Stores new tasks, the instances they were placed on, the client token and a cluster's newly
     * registered Fargate capacity in one commit. Throws {@link VersionConflict} when anything read
     * for the decision changed meanwhile; the caller decides again on fresh reads.
     */
    public void launch(List<Task> newTasks, List<InstanceWrite> placedOn, Optional<TokenWrite> token,
                       Optional<FargateCapacity> newCapacity) {
        launch(newTasks, placedOn, token, newCapacity, List.of());
    }

    /** As {@link #launch(List, List, Optional, Optional)}, with more writes of the same commit (waiting placements). */
    public void launch(List<Task> newTasks, List<InstanceWrite> placedOn, Optional<TokenWrite> token,
                       Optional<FargateCapacity> newCapacity, List<Write> more) {
        List<Write> writes = new ArrayList<>(more);
        newTasks.forEach(t -> writes.add(tasks.put(t, Store.ABSENT)));
        placedOn.forEach(i -> writes.add(instances.put(i.instance(), i.expectedVersion())));
        token.ifPresent(t -> writes.add(tokens.put(t.token(), t.expectedVersion())));
        newCapacity.ifPresent(c -> writes.add(capacities.put(c, Store.ABSENT)));
        store.commit(writes);
    }

    /**
     * Applies {@code change} to the task stored under {@code taskKey} and re-accounts its instance, in
     * one commit, retrying on conflicts; empty when there is no such task. {@code change} may run more
     * than once and may throw to refuse.
     */
    public Optional<Task> change(String taskKey, UnaryOperator<Task> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<Task>> current = tasks.find(taskKey);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Task before = current.get().value();
            Task after = change.apply(before);
            if (after.equals(before)) {
                return Optional.of(after);
            }
            List<Write> writes = new ArrayList<>();
            writes.add(tasks.put(after, current.get().version()));
            if (after.onInstance()) {
                instanceWrite(after.scope(), after.cluster(), after.containerInstanceArn(), after)
                        .ifPresent(writes::add);
            }
            try {
                store.commit(writes);
                return Optional.of(after);
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Recomputes the figures of the instance stored under {@code instanceKey} from its tasks, if they drifted. */
    public void reaccount(String instanceKey) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<ContainerInstance>> instance = instances.find(instanceKey);
            if (instance.isEmpty() || !instance.get().value().registered()) {
                return;
            }
            ContainerInstance i = instance.get().value();
            Optional<Write> write = instanceWrite(i.scope(), i.cluster(), i.arn(), null);
            if (write.isEmpty()) {
                return;
            }
            try {
                store.commit(List.of(write.get()));
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Deletes a STOPPED task if it is still at {@code version}; false when it changed meanwhile. */
    public boolean forget(String taskKey, long version) {
        try {
            tasks.remove(taskKey, version);
            return true;
        } catch (VersionConflict changed) {
            return false;
        }
    }

    /**
     * The write that brings the instance {@code instanceArn} in line with its tasks, {@code replacing}
     * the stored version of one task when given; empty when the instance is gone, deregistered or
     * already right.
     */
    private Optional<Write> instanceWrite(Scope scope, String cluster, String instanceArn,
                                          Task replacing) {
        String id = instanceArn.substring(instanceArn.lastIndexOf('/') + 1);
        Optional<Versioned<ContainerInstance>> instance = instances.find(scope, cluster, id);
        if (instance.isEmpty() || !instance.get().value().registered()) {
            return Optional.empty();
        }
        List<Task> on = new ArrayList<>();
        for (Versioned<Task> stored : tasks.list(scope, cluster)) {
            Task task = stored.value();
            if (replacing != null && task.id().equals(replacing.id())) {
                task = replacing;
            }
            if (task.containerInstanceArn().equals(instanceArn)) {
                on.add(task);
            }
        }
        ContainerInstance accounted = InstanceUsage.accounted(instance.get().value(), on);
        if (accounted.equals(instance.get().value())) {
            return Optional.empty();
        }
        return Optional.of(instances.put(accounted, instance.get().version()));
    }
}
