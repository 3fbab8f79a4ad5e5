package berth.agent.loop;

import berth.agent.core.AwsLogsDestination;
import berth.agent.core.TaskLayout;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.Runtime;
import berth.agentwire.AssignedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * The {@code awslogs} log driver done by the agent: containers write to the engine's json-file log
 * (so {@code docker logs} works); before an awslogs container starts its group (when asked) and
 * stream are created, and from then on the agent follows its output and ships it with PutLogEvents
 * to CloudWatch Logs at the control plane's endpoint ({@link AwsLogsDestination}). A container is
 * followed once it has started, also when it already exited by the time the agent looks, until its
 * output has ended: every line of a container that ran for a moment arrives too.
 */
final class AwsLogsShipping implements LogShipping {

    private static final Logger LOG = LoggerFactory.getLogger(AwsLogsShipping.class);
    /** How long a container whose stream cannot be prepared waits before the next try. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final AwsEndpoint endpoint;
    private final ExecutionRoles roles;
    private final Runtime runtime;
    private final Clock clock;
    private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();
    private final Map<String, LogStreamFollower> followers = new ConcurrentHashMap<>();
    /** Streams this agent opened itself, so their followers start at the container's first line. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    /** Containers whose output ended and was shipped, by engine id. */
    private final Set<String> shipped = ConcurrentHashMap.newKeySet();
    /** Containers whose stream could not be prepared, with when to try again. */
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();

    AwsLogsShipping(AwsEndpoint endpoint, Runtime runtime, Clock clock, ExecutionRoles roles) {
        this.roles = roles;
        this.endpoint = endpoint;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public void open(String taskArn, String stream, AwsLogsDestination destination) {
        var asRole = roles.of(taskArn);
        CloudWatchLogsClient logs = client(destination);
        if (destination.createGroup()) {
            try {
                logs.createLogGroup(b -> b.logGroupName(destination.group()).overrideConfiguration(asRole));
            } catch (ResourceAlreadyExistsException exists) {
                LOG.debug("log group {} exists", destination.group());
            } catch (SdkException e) {
                throw new Refused("failed to create Cloudwatch log group: " + words(e));
            }
        }
        try {
            logs.createLogStream(b -> b.logGroupName(destination.group()).logStreamName(stream)
                    .overrideConfiguration(asRole));
        } catch (ResourceAlreadyExistsException exists) {
            LOG.debug("log stream {}:{} exists", destination.group(), stream);
        } catch (SdkException e) {
            throw new Refused("create stream has been retried 1 times: failed to create Cloudwatch log stream: "
                    + words(e));
        }
        opened.add(destination.group() + ":" + stream);
    }

    /** An error as the awslogs driver quotes it: {@code Code: message}. */
    private static String words(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public void sync(List<AssignedTask> tasks, List<ContainerObservation> containers) {
        Map<String, AssignedTask> byArn = new HashMap<>();
        tasks.forEach(t -> byArn.put(t.taskArn(), t));
        Set<String> present = containers.stream().map(ContainerObservation::id).collect(Collectors.toSet());
        shipped.retainAll(present);
        retryAt.keySet().retainAll(present);
        Instant now = clock.instant();
        for (ContainerObservation o : containers) {
            if (!hasRun(o) || followers.containsKey(o.id()) || shipped.contains(o.id())
                    || now.isBefore(retryAt.getOrDefault(o.id(), Instant.MIN))) {
                continue;
            }
            AssignedTask task = byArn.get(o.labels().getOrDefault(BerthLabels.TASK_ARN, ""));
            String name = o.labels().getOrDefault(BerthLabels.CONTAINER_NAME, "");
            if (task == null || name.equals(TaskLayout.PAUSE)) {
                continue;
            }
            Optional<AwsLogsDestination> destination = task.container(name)
                    .flatMap(AwsLogsDestination::of);
            if (destination.isEmpty()) {
                continue;
            }
            follow(task, o, name, destination.get());
        }
    }

    /** Started at some point: running now, or exited after running (a container that never ran wrote nothing). */
    private static boolean hasRun(ContainerObservation o) {
        return o.state() == ContainerState.RUNNING || (o.state().stopped() && o.startedAt().isPresent());
    }

    private void follow(AssignedTask task, ContainerObservation o, String name, AwsLogsDestination destination) {
        String stream = destination.stream(name, task.taskId(), o.id());
        boolean fresh = opened.contains(destination.group() + ":" + stream);
        LogStreamFollower follower = new LogStreamFollower(client(destination), runtime, o, destination, stream,
                fresh, roles.of(task.taskArn()), outcome -> ended(o, outcome));
        if (followers.putIfAbsent(o.id(), follower) == null) {
            follower.start();
            LOG.info("shipping logs of container {} to {}:{}", o.name(), destination.group(), stream);
        }
    }

    private void ended(ContainerObservation o, LogStreamFollower.Outcome outcome) {
        followers.remove(o.id());
        switch (outcome) {
            case SHIPPED -> shipped.add(o.id());
            case NOT_PREPARED -> retryAt.put(o.id(), clock.instant().plus(RETRY_AFTER));
            case INTERRUPTED -> { }
        }
    }

    private CloudWatchLogsClient client(AwsLogsDestination destination) {
        return clients.computeIfAbsent(destination.region().orElse(endpoint.region()),
                r -> CloudWatchLogsClient.builder()
                        .endpointOverride(endpoint.endpoint())
                        .region(Region.of(r))
                        .credentialsProvider(endpoint.credentials())
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
