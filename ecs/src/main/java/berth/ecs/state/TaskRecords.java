package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.Task;
import berth.store.Store;
import berth.store.StoredRecord;
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

    private final Store store;

    public TaskRecords(Store store) {
        this.store = store;
    }

    /** A task together with the store version it was read at, for compare-and-set updates. */
    public record Versioned(Task task, long version) {}

    public Optional<Versioned> find(Scope scope, String cluster, String id) {
        return find(key(scope, cluster, id));
    }

    public Optional<Versioned> find(String key) {
        return store.get(KIND, key).map(TaskRecords::versioned);
    }

    /** The tasks of one cluster, by id. */
    public List<Versioned> list(Scope scope, String cluster) {
        return store.list(KIND, scope.key(cluster + "/")).stream().map(TaskRecords::versioned)
                .toList();
    }

    /** The tasks of every cluster of a scope. */
    public List<Versioned> list(Scope scope) {
        return store.list(KIND, scope.prefix()).stream().map(TaskRecords::versioned).toList();
    }

    /** Every task in the store. */
    public List<Versioned> all() {
        return store.list(KIND, "").stream().map(TaskRecords::versioned).toList();
    }

    /** The key of task {@code id} of {@code cluster}: {@code account/region/cluster/id}, as {@link Task#key()}. */
    public static String key(Scope scope, String cluster, String id) {
        return scope.key(cluster + "/" + id);
    }

    public static Task read(byte[] value) {
        return Records.read(value, Task.class);
    }

    static Write write(Task task, long expectedVersion) {
        return Write.put(KIND, task.key(), Records.write(task), expectedVersion);
    }

    private static Versioned versioned(StoredRecord record) {
        return new Versioned(read(record.value()), record.version());
    }
}
