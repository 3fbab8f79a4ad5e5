package berth.ecs.control;

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
 * a task record wakes the long-polls of its container instance (or of its account and region's Fargate
 * runner); a deleted task wakes every poll of its cluster and region, since its record no longer says
 * where it ran. Nothing polls the store: waiters only re-read after a wake-up or their timeout.
 *
 * <p>Generations: a batch's generation is the highest store version among its tasks, raised to the
 * version of the last task deletion seen in its scope and to a floor taken when the control plane
 * starts (a store write, so higher than anything before). It therefore grows with every change of the
 * batch, deletions included, and across restarts.
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
        subscription = store.watch(TaskRecords.KIND, this::changed);
        floor = store.put(FLOOR_KIND, "floor", "{}".getBytes(StandardCharsets.UTF_8), Store.ANY).version();
    }

    /** The scope of one container instance's polls. */
    static String instanceScope(String containerInstanceArn) {
        return "instance " + containerInstanceArn;
    }

    /** The scope of the Fargate runner's polls for an account and region. */
    static String fargateScope(String account, String region) {
        return "fargate " + account + "/" + region;
    }

    void register(String scope, Runnable waiter) {
        waiters.computeIfAbsent(scope, s -> new CopyOnWriteArraySet<>()).add(waiter);
    }

    void unregister(String scope, Runnable waiter) {
        Set<Runnable> set = waiters.get(scope);
        if (set != null) {
            set.remove(waiter);
        }
    }

    /** The lowest generation a batch of {@code scope} in {@code cluster} ("" for Fargate) may have. */
    long baseGeneration(String account, String region, String cluster) {
        String key = cluster.isEmpty() ? account + "/" + region : account + "/" + region + "/" + cluster;
        return Math.max(floor, deletions.getOrDefault(key, 0L));
    }

    /** Wakes every waiter (a reset wiped the tasks, or the control plane is stopping). */
    void wakeAll() {
        waiters.values().forEach(set -> set.forEach(Runnable::run));
    }

    private void changed(Change change) {
        if (!change.record().kind().equals(TaskRecords.KIND)) {
            return;
        }
        String key = change.record().key();
        String[] parts = key.split("/", 4);
        if (parts.length < 4) {
            return;
        }
        String account = parts[0];
        String region = parts[1];
        if (change.record().deleted()) {
            long version = change.record().version();
            deletions.merge(account + "/" + region + "/" + parts[2], version, Math::max);
            deletions.merge(account + "/" + region, version, Math::max);
            String clusterPrefix = instanceScope("arn:aws:ecs:" + region + ":" + account + ":container-instance/"
                    + parts[2] + "/");
            waiters.forEach((scope, set) -> {
                if (scope.startsWith(clusterPrefix)) {
                    set.forEach(Runnable::run);
                }
            });
            wake(fargateScope(account, region));
            return;
        }
        JsonNode task = tree(change.record().value());
        String instance = text(task, "containerInstanceArn");
        if (!instance.isEmpty()) {
            wake(instanceScope(instance));
        }
        if ("FARGATE".equals(text(task, "launchType"))) {
            wake(fargateScope(account, region));
        }
    }

    private void wake(String scope) {
        Set<Runnable> set = waiters.get(scope);
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
