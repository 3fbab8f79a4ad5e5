package berth.sqs.state;

import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.MoveTask;
import berth.sqs.core.Queue;
import berth.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * Queues and message move tasks in the store: kinds {@code sqs.queue} (key {@code account/region/name})
 * and {@code sqs.move-task} (key {@code account/region/<started, 13 digits>-<handle>}, so a queue's
 * tasks list oldest first). Messages are not here but in the message journal.
 */
public final class QueueRecords {
    public static final String QUEUES = "sqs.queue";
    public static final String MOVE_TASKS = "sqs.move-task";

    private final RecordTable<Queue> queues;
    private final RecordTable<MoveTask> tasks;

    public QueueRecords(Store store) {
        this.queues = new RecordTable<>(store, QUEUES, Queue.class, q -> q.scope().key(q.name())).reusingReads(4096);
        this.tasks = new RecordTable<>(store, MOVE_TASKS, MoveTask.class,
                t -> t.scope().key(String.format("%013d-%s", t.startedAtMillis(), t.handle())));
    }

    public Optional<Versioned<Queue>> find(Scope scope, String name) {
        return queues.find(scope.key(name));
    }

    public List<Queue> list(Scope scope) {
        return queues.list(scope.prefix());
    }

    /** Every queue of every account and region. */
    public List<Queue> all() {
        return queues.list("");
    }

    /** @throws berth.store.VersionConflict when the stored version is no longer {@code expectedVersion} */
    public void save(Queue queue, long expectedVersion) {
        queues.save(queue, expectedVersion);
    }

    public void delete(Queue queue, long expectedVersion) {
        queues.remove(queues.keyOf(queue), expectedVersion);
    }

    public List<MoveTask> tasks(Scope scope) {
        return tasks.list(scope.prefix());
    }

    public List<Versioned<MoveTask>> allTasks() {
        return tasks.listVersioned("");
    }

    public void saveTask(MoveTask task, long expectedVersion) {
        tasks.save(task, expectedVersion);
    }

    public Optional<Versioned<MoveTask>> findTask(MoveTask task) {
        return tasks.find(tasks.keyOf(task));
    }
}
