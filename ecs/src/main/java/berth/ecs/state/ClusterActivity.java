package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.TaskOnInstance;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts of a cluster's tasks and services, read from the records the task and service code
 * writes. The contract with those records:
 * <ul>
 *   <li>kind {@code ecs.task}, key {@code account/region/cluster/taskId}, a JSON object with the
 *       top-level text fields {@code lastStatus} (ECS's task statuses, PROVISIONING to STOPPED),
 *       {@code launchType} (EC2, FARGATE or EXTERNAL), {@code containerInstanceArn} (empty or
 *       absent for tasks not on an instance), {@code group} (the task group, e.g. {@code service:web})
 *       and {@code taskDefinitionArn};</li>
 *   <li>kind {@code ecs.service}, key {@code account/region/cluster/serviceName}, a JSON object with
 *       the top-level text fields {@code status} (ACTIVE, DRAINING or INACTIVE) and
 *       {@code launchType}.</li>
 * </ul>
 * Absent kinds count as zero. Pending counts PROVISIONING, PENDING and ACTIVATING tasks, as the
 * cluster's pendingTasksCount does.
 */
public final class ClusterActivity {
    public static final String TASK_KIND = "ecs.task";
    public static final String SERVICE_KIND = "ecs.service";
    private static final Set<String> PENDING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");

    private final RecordTable<JsonNode> tasks;
    private final RecordTable<JsonNode> services;

    public ClusterActivity(Store store) {
        this.tasks = RecordTable.keyedByOwner(store, TASK_KIND, RecordJson.STANDARD.treeCodec());
        this.services = RecordTable.keyedByOwner(store, SERVICE_KIND, RecordJson.STANDARD.treeCodec());
    }

    /** Task and service counts of one cluster, by launch type where ECS reports them so. */
    public record Counts(int runningEc2, int runningFargate, int runningExternal,
                         int pendingEc2, int pendingFargate, int pendingExternal,
                         int activeEc2Services, int activeFargateServices, int activeExternalServices,
                         int drainingEc2Services, int drainingFargateServices, int drainingExternalServices,
                         int unstoppedTasks) {
        public int running() {
            return runningEc2 + runningFargate + runningExternal;
        }

        public int pending() {
            return pendingEc2 + pendingFargate + pendingExternal;
        }

        public int activeServices() {
            return activeEc2Services + activeFargateServices + activeExternalServices;
        }

        public int drainingServices() {
            return drainingEc2Services + drainingFargateServices + drainingExternalServices;
        }
    }

    public Counts counts(Scope scope, String cluster) {
        int[] running = new int[3];
        int[] pending = new int[3];
        int[] active = new int[3];
        int[] draining = new int[3];
        int unstopped = 0;
        String prefix = scope.key(cluster + "/");
        for (JsonNode json : tasks.list(prefix)) {
            String status = text(json, "lastStatus");
            int type = launchType(text(json, "launchType"));
            if ("RUNNING".equals(status)) {
                running[type]++;
            } else if (PENDING.contains(status)) {
                pending[type]++;
            }
            if (!"STOPPED".equals(status)) {
                unstopped++;
            }
        }
        for (JsonNode json : services.list(prefix)) {
            String status = text(json, "status");
            int type = launchType(text(json, "launchType"));
            if ("ACTIVE".equals(status)) {
                active[type]++;
            } else if ("DRAINING".equals(status)) {
                draining[type]++;
            }
        }
        return new Counts(running[0], running[1], running[2], pending[0], pending[1], pending[2],
                active[0], active[1], active[2], draining[0], draining[1], draining[2], unstopped);
    }

    /** The tasks not yet STOPPED on the instance {@code containerInstanceArn} of {@code cluster}. */
    public int unstoppedTasksOn(Scope scope, String cluster, String containerInstanceArn) {
        int count = 0;
        for (JsonNode json : tasks.list(scope.key(cluster + "/"))) {
            if (containerInstanceArn.equals(text(json, "containerInstanceArn"))
                    && !"STOPPED".equals(text(json, "lastStatus"))) {
                count++;
            }
        }
        return count;
    }

    /**
     * The tasks not yet STOPPED on each container instance of {@code cluster}, by instance ARN, as
     * placement and cluster queries ({@code task:group}) see them.
     */
    public Map<String, List<TaskOnInstance>> tasksByInstance(Scope scope, String cluster) {
        Map<String, List<TaskOnInstance>> byInstance = new HashMap<>();
        for (JsonNode json : tasks.list(scope.key(cluster + "/"))) {
            String instance = text(json, "containerInstanceArn");
            if (instance.isEmpty() || "STOPPED".equals(text(json, "lastStatus"))) {
                continue;
            }
            String definition = text(json, "taskDefinitionArn");
            String family = definition.substring(definition.lastIndexOf('/') + 1);
            int colon = family.indexOf(':');
            family = colon < 0 ? family : family.substring(0, colon);
            byInstance.computeIfAbsent(instance, i -> new ArrayList<>())
                    .add(new TaskOnInstance(text(json, "group"), family));
        }
        return byInstance;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    private static int launchType(String launchType) {
        return switch (launchType.toUpperCase(Locale.ROOT)) {
            case "FARGATE" -> 1;
            case "EXTERNAL" -> 2;
            default -> 0;
        };
    }
}
