package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.EcsArns;
import berth.ecs.core.LaunchType;
import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.state.ServiceRecords;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** StopTask, DescribeTasks, ListTasks, and tags on tasks. */
final class TaskApi {
    private static final Logger LOG = LoggerFactory.getLogger(TaskApi.class);
    private static final Pattern TASK_ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");
    private static final int MAX_REASON = 255;
    private static final int MAX_DESCRIBE = 100;
    private static final int MAX_PAGE = 100;

    private final ClusterLookup lookup;
    private final TaskRecords tasks;
    private final TaskCommits commits;
    private final ServiceRecords services;
    private final Clock clock;

    TaskApi(Store store, Clock clock) {
        this.lookup = new ClusterLookup(store);
        this.tasks = new TaskRecords(store);
        this.commits = new TaskCommits(store);
        this.services = new ServiceRecords(store);
        this.clock = clock;
    }

    StopTaskResponse stop(StopTaskRequest request, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        String reason = request.reason() == null || request.reason().isEmpty() ? StopCode.STOPPED_BY_USER
                : request.reason();
        if (reason.length() > MAX_REASON) {
            throw EcsErrors.INVALID_PARAMETER.exception("reason can be at most " + MAX_REASON + " characters long.");
        }
        String id = taskId(cluster, request.task()).orElseThrow(EcsErrors::taskNotFound);
        Task stopped = commits.change(key(cluster, id),
                        t -> TaskLifecycle.stopRequested(t, StopCode.UserInitiated, reason, clock.instant()))
                .orElseThrow(EcsErrors::taskNotFound);
        LOG.info("task {} of cluster {} asked to stop: {}", id, cluster.name(), stopped.stoppedReason());
        return StopTaskResponse.builder().task(TaskMapping.toSdk(stopped, false)).build();
    }

    DescribeTasksResponse describe(DescribeTasksRequest request, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        if (request.tasks().isEmpty()) {
            throw EcsErrors.INVALID_PARAMETER.exception("Tasks cannot be empty.");
        }
        if (request.tasks().size() > MAX_DESCRIBE) {
            throw EcsErrors.INVALID_PARAMETER.exception("Tasks cannot have more than " + MAX_DESCRIBE + " items.");
        }
        boolean withTags = request.include().contains(TaskField.TAGS);
        List<software.amazon.awssdk.services.ecs.model.Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : request.tasks()) {
            Optional<Task> task = taskId(cluster, reference)
                    .flatMap(id -> tasks.find(cluster.scope(), cluster.name(), id))
                    .map(Versioned::value);
            if (task.isPresent()) {
                found.add(TaskMapping.toSdk(task.get(), withTags));
            } else {
                failures.add(Failure.builder().arn(reference).reason("MISSING").build());
            }
        }
        return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
    }

    ListTasksResponse list(ListTasksRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        TaskStatus desired = request.desiredStatus() == null ? TaskStatus.RUNNING
                : TaskStatus.valueOf(request.desiredStatusAsString());
        Optional<String> instanceArn = Optional.ofNullable(request.containerInstance()).map(ref ->
                ClusterLookup.instanceId(cluster, ref)
                        .map(id -> EcsArns.containerInstance(scope, cluster.name(), id))
                        .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("Invalid containerInstance: " + ref)));
        Optional<String> group = Optional.ofNullable(request.serviceName()).map(name -> {
            String service = name.startsWith("arn:") ? name.substring(name.lastIndexOf('/') + 1) : name;
            if (services.find(scope, cluster.name(), service).isEmpty()) {
                throw EcsErrors.serviceNotFound();
            }
            return "service:" + service;
        });
        Optional<LaunchType> launchType = Optional.ofNullable(request.launchTypeAsString()).map(LaunchType::valueOf);
        List<Task> matching = new ArrayList<>();
        for (Versioned<Task> stored : tasks.list(scope, cluster.name())) {
            Task t = stored.value();
            if (t.desiredStatus() == desired
                    && instanceArn.map(t.containerInstanceArn()::equals).orElse(true)
                    && Optional.ofNullable(request.family()).map(t.family()::equals).orElse(true)
                    && Optional.ofNullable(request.startedBy()).map(t.startedBy()::equals).orElse(true)
                    && group.map(t.group()::equals).orElse(true)
                    && launchType.map(l -> l == t.launchType()).orElse(true)) {
                matching.add(t);
            }
        }
        matching.sort(Comparator.comparing(TaskApi::listingKey));
        Page<Task> page = Page.of(matching, request.nextToken(), request.maxResults(), MAX_PAGE, MAX_PAGE,
                TaskApi::listingKey);
        return ListTasksResponse.builder().taskArns(page.items().stream().map(Task::arn).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    /** Tags of tasks for TagResource, UntagResource and ListTagsForResource: ARNs {@code task/CLUSTER/ID}. */
    TaggableResources.TaggableKind taggable() {
        return new TaggableResources.TaggableKind() {
            @Override
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                String[] parts = arn.resourceName().split("/");
                return parts.length != 2 ? Optional.empty()
                        : tasks.find(scope, parts[0], parts[1]).map(v -> v.value().tags());
            }

            @Override
            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                String[] parts = arn.resourceName().split("/");
                return parts.length == 2 && commits.change(TaskRecords.key(scope, parts[0], parts[1]),
                        t -> t.toBuilder().tags(change.apply(t.tags())).build()).isPresent();
            }
        };
    }

    /**
     * The id of the task {@code idOrArn} names in {@code cluster}: a bare id or an ARN
     * ({@code task/CLUSTER/ID}, or the old {@code task/ID}); empty when it cannot name a task there.
     */
    static Optional<String> taskId(Cluster cluster, String idOrArn) {
        if (idOrArn == null) {
            return Optional.empty();
        }
        if (!idOrArn.startsWith("arn:")) {
            return TASK_ID.matcher(idOrArn).matches() ? Optional.of(idOrArn) : Optional.empty();
        }
        String prefix = EcsArns.taskPrefix(cluster.scope());
        if (!idOrArn.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = idOrArn.substring(prefix.length()).split("/");
        if (parts.length == 2 && parts[0].equals(cluster.name()) && TASK_ID.matcher(parts[1]).matches()) {
            return Optional.of(parts[1]);
        }
        if (parts.length == 1 && TASK_ID.matcher(parts[0]).matches()) {
            return Optional.of(parts[0]);
        }
        return Optional.empty();
    }

    /** Tasks list oldest first: creation time (fixed-width nanoseconds), then id. */
    private static String listingKey(Task task) {
        java.time.Instant created = task.times().createdAt();
        return String.format("%012d%09d/%s", created.getEpochSecond(), created.getNano(), task.id());
    }

    static String key(Cluster cluster, String id) {
        return TaskRecords.key(cluster.scope(), cluster.name(), id);
    }
}
