package berth.agent.loop;

import berth.agent.core.TaskLayout;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.Runtime;
import berth.ecs.agentwire.TaskAssignment;
import berth.ecs.core.taskdef.ContainerDefinition;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The {@code awslogs} log driver done by the agent: containers write to the engine's json-file log
 * (so {@code docker logs} works), and the agent follows each running awslogs container's output and
 * ships it with PutLogEvents to CloudWatch Logs at the control plane's endpoint, into group
 * {@code awslogs-group} and stream {@code <awslogs-stream-prefix>/<container name>/<task id>} (the
 * container id without a prefix), creating the group when {@code awslogs-create-group} is true.
 */
final class AwsLogsShipping implements LogShipping {

    private static final Logger LOG = LoggerFactory.getLogger(AwsLogsShipping.class);

    private final AwsEndpoint endpoint;
    private final Runtime runtime;
    private final Clock clock;
    private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();
    private final Map<String, LogStreamFollower> followers = new ConcurrentHashMap<>();

    AwsLogsShipping(AwsEndpoint endpoint, Runtime runtime, Clock clock) {
        this.endpoint = endpoint;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public void sync(List<TaskAssignment> tasks, List<ContainerObservation> containers) {
        Map<String, TaskAssignment> byArn = new HashMap<>();
        tasks.forEach(t -> byArn.put(t.taskArn(), t));
        for (ContainerObservation o : containers) {
            if (o.state() != ContainerState.RUNNING || followers.containsKey(o.id())) {
                continue;
            }
            TaskAssignment task = byArn.get(o.labels().getOrDefault(BerthLabels.TASK_ARN, ""));
            String name = o.labels().getOrDefault(BerthLabels.CONTAINER_NAME, "");
            if (task == null || name.equals(TaskLayout.PAUSE)) {
                continue;
            }
            Optional<ContainerDefinition> definition = task.taskDefinition().container(name);
            if (definition.isEmpty() || !definition.get().logConfiguration().awslogs()) {
                continue;
            }
            Map<String, String> options = definition.get().logConfiguration().options();
            String group = options.getOrDefault("awslogs-group", "");
            if (group.isEmpty()) {
                continue;
            }
            String prefix = options.getOrDefault("awslogs-stream-prefix", "");
            String stream = prefix.isEmpty() ? o.id() : prefix + "/" + name + "/" + task.taskId();
            String region = options.getOrDefault("awslogs-region", endpoint.region());
            boolean createGroup = "true".equalsIgnoreCase(options.getOrDefault("awslogs-create-group", "false"));
            LogStreamFollower follower = new LogStreamFollower(client(region), runtime, clock, o, group, stream,
                    createGroup, ExecutionRole.of(task.taskArn()), () -> followers.remove(o.id()));
            if (followers.putIfAbsent(o.id(), follower) == null) {
                follower.start();
                LOG.info("shipping logs of container {} to {}:{}", o.name(), group, stream);
            }
        }
    }

    private CloudWatchLogsClient client(String region) {
        return clients.computeIfAbsent(region, r -> CloudWatchLogsClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(r))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKeyId(), endpoint.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }

    @Override
    public void close() {
        followers.values().forEach(LogStreamFollower::close);
        followers.clear();
        clients.values().forEach(CloudWatchLogsClient::close);
    }
}
