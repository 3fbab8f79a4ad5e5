package berth.ecs.api;

import berth.aws.Authorizer;
import berth.aws.Caller;
import berth.aws.InProcessCalls;
import berth.aws.Scope;
import berth.ecs.EcsCalls;
import berth.ecs.TaskStateChanges;
import berth.ecs.core.task.Task;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordJson;
import berth.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What ECS publishes of its tasks: {@link EcsCalls} over the service's handlers and {@link TaskStateChanges} from the store's watch. */
public final class PublishedTasks implements EcsCalls, TaskStateChanges, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedTasks.class);

    private final InProcessCalls calls;
    private final List<Consumer<TaskStateChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastTold = new ConcurrentHashMap<>();
    private final berth.store.Subscription watch;

    public PublishedTasks(EcsService service, Store store, Supplier<Authorizer> authorizer) {
        this.calls = new InProcessCalls(service, authorizer);
        this.watch = store.watchKind(TaskRecords.KIND, change -> {
            if (change.record().deleted() || listeners.isEmpty()) {
                if (change.record().deleted()) lastTold.remove(change.record().key());
                return;
            }
            Task task;
            try {
                task = RecordJson.STANDARD.read(change.record().value(), Task.class);
            } catch (RuntimeException e) {
                LOG.warn("unreadable task record {}", change.record().key(), e);
                return;
            }
            String state = task.lastStatus() + "/" + task.desiredStatus();
            if (state.equals(lastTold.put(change.record().key(), state))) return;
            Scope scope = new Scope(task.accountId(), task.region());
            JsonNode detail = berth.aws.json.JsonShapeWriter.writeStructure(TaskMapping.toSdk(task, false));
            TaskStateChange told = new TaskStateChange(scope, task.arn(), detail.path("clusterArn").asText(),
                    task.lastStatus().name(), task.desiredStatus().name(), detail);
            for (Consumer<TaskStateChange> listener : listeners) {
                try {
                    listener.accept(told);
                } catch (RuntimeException e) {
                    LOG.warn("task state change listener failed for {}", task.arn(), e);
                }
            }
        });
    }

    @Override
    public JsonNode call(Caller caller, String operation, JsonNode request) {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("ECS does not publish " + operation);
        }
        return calls.call(caller, operation, request);
    }

    @Override
    public Subscription subscribe(Consumer<TaskStateChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        watch.close();
    }
}
