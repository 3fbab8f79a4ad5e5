package berth.ecs.control;

import berth.aws.Scope;
import berth.ecs.core.EcsArns;
import berth.ecs.state.TaskRecords;
import berth.store.Change;
import berth.store.Store;
import berth.store.Subscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Who waits for which assignments, and the store changes that wake them: every committed change to
 * a task record wakes the long-polls of its container instance (or of its scope's Fargate runner); a
 * deleted task wakes every poll of its cluster and of its scope's Fargate runner, since its record no
 * longer says where it ran. Nothing polls the store: waiters only re-read after a wake-up or their
 * timeout. Waiters wait on a topic: a container instance's, or a scope's Fargate runner's.
 *
 * <p>Generations: a batch's generation is the highest store version among its tasks, raised to the
 * version of the last task deletion seen in its cluster (for the Fargate runner: in its scope) and to
 * a floor taken when the control plane starts (a store write, so higher than anything before). It
 * therefore grows with every change of the batch, deletions included, and across restarts.
 */
final class AssignmentSignals implements AutoCloseable {
    static final String FLOOR_KIND = "ecs.generation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Set<Runnable>> waiters = new ConcurrentHashMap<>();
    private final Map<String, Long> deletions = new ConcurrentHashMap<>();
    private final Store store;
    private volatile long floor;
    private Subscription subscription;

    AssignmentSignals(Store store) {
        this.store = store;
    }

    void start() {
        subscription = store.watchKind(TaskRecords.KIND, this::changed);
        floor = store.put(FLOOR_KIND, "floor", "{}".getBytes(StandardCharsets.UTF_8), Store.ANY).version();
    }

    /** The topic of one container instance's polls. */
    static String instanceTopic(String containerInstanceArn) {
        return "instance " + containerInstanceArn;
    }

    /** The topic of the polls of the Fargate runner of {@code scope}. */
    static String fargateTopic(Scope scope) {
        return "fargate " + scope.prefix();
    }

    void register(String topic, Runnable waiter) {
        waiters.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(waiter);
    }

    void unregister(String topic, Runnable waiter) {
        Set<Runnable> set = waiters.get(topic);
        if (set != null) {
            set.remove(waiter);
        }
    }

    /**
     * The lowest generation a batch of {@code cluster} of {@code scope} may have ({@code ""}: the
     * batch of the scope's Fargate runner, which spans its clusters).
     */
    long baseGeneration(Scope scope, String cluster) {
        return Math.max(floor, deletions.getOrDefault(deletionKey(scope, cluster), 0L));
    }

    /** Where the last deletion among the tasks of {@code cluster} of {@code scope} ("": of every cluster) is kept. */
    private static String deletionKey(Scope scope, String cluster) {
        return scope.key(cluster);
    }

    /** Wakes every waiter (a reset wiped the tasks, or the control plane is stopping). */
    void wakeAll() {
        waiters.values().forEach(set -> set.forEach(Runnable::run));
    }

    private void changed(Change change) {
        String key = change.record().key();
        String[] parts = key.split("/", 4);
        if (parts.length < 4) {
            return;
        }
        Scope scope = Scope.ofKey(key);
        String cluster = parts[2];
        if (change.record().deleted()) {
            long version = change.record().version();
            deletions.merge(deletionKey(scope, cluster), version, Math::max);
            deletions.merge(deletionKey(scope, ""), version, Math::max);
            String clusterPrefix = instanceTopic(EcsArns.containerInstance(scope, cluster, ""));
            waiters.forEach((topic, set) -> {
                if (topic.startsWith(clusterPrefix)) {
                    set.forEach(Runnable::run);
                }
            });
            wake(fargateTopic(scope));
            return;
        }
        JsonNode task = tree(change.record().value());
        String instance = text(task, "containerInstanceArn");
        if (!instance.isEmpty()) {
            wake(instanceTopic(instance));
        }
        if ("FARGATE".equals(text(task, "launchType"))) {
            wake(fargateTopic(scope));
        }
    }

    private void wake(String topic) {
        Set<Runnable> set = waiters.get(topic);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    private static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        wakeAll();
    }
}
