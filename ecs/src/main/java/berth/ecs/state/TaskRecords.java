package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.Task;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.List;
import java.util.Optional;

/**
 * Tasks in the store, kind {@code ecs.task}, key {@code account/region/cluster/taskId}: JSON of
 * {@link Task}, whose top-level {@code lastStatus}, {@code launchType}, {@code containerInstanceArn},
 * {@code group} and {@code taskDefinitionArn} are the text fields {@link ClusterActivity} counts by.
 * STOPPED tasks stay until the reconciler forgets them after the retention.
 */
public final class TaskRecords {
    public static final String KIND = ClusterActivity.TASK_KIND;

    private final RecordTable<Task> table;

    public TaskRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, Task.class, Task::key);
    }

    public Optional<Versioned<Task>> find(Scope scope, String cluster, String id) {
        return find(key(scope, cluster, id));
    }

    public Optional<Versioned<Task>> find(String key) {
        return table.find(key);
    }

    /** The tasks of one cluster, by id. */
    public List<Versioned<Task>> list(Scope scope, String cluster) {
        return table.listVersioned(scope.key(cluster + "/"));
    }

    /** The tasks of every cluster of a scope. */
    public List<Versioned<Task>> list(Scope scope) {
        return table.listVersioned(scope.prefix());
    }

    /** Every task in the store. */
    public List<Versioned<Task>> all() {
        return table.listVersioned("");
    }

    /** The key of task {@code id} of {@code cluster}: {@code account/region/cluster/id}, as {@link Task#key()}. */
    public static String key(Scope scope, String cluster, String id) {
        return scope.key(cluster + "/" + id);
    }

    Write put(Task task, long expectedVersion) {
        return table.put(task, expectedVersion);
    }

    /** Deletes the task stored under {@code key} if it is still at {@code expectedVersion}. */
    void remove(String key, long expectedVersion) {
        table.remove(key, expectedVersion);
    }
}
