package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ecs.core.Cluster;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.LaunchType;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.placement.TaskRequirements;
import berth.ecs.core.task.ClientToken;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskLaunchRejected;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskOverridesMerge;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.state.ClientTokenRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskDefinitionRecords;
import berth.ecs.state.TaskPlacements;
import berth.ecs.state.ProviderPlacements;
import berth.ecs.core.capacity.WaitingPlacement;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** RunTask (placement by berth's scheduler, client tokens) and StartTask (on named instances). */
final class TaskLaunchApi {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLaunchApi.class);

    private final ClusterLookup lookup;
    private final TaskDefinitionRecords definitions;
    private final ClientTokenRecords tokens;
    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final TaskPlacements placements;
    private final ProviderPlacements providers;
    private final Clock clock;

    TaskLaunchApi(Store store, Clock clock) {
        this.lookup = new ClusterLookup(store);
        this.definitions = new TaskDefinitionRecords(store);
        this.tokens = new ClientTokenRecords(store);
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.placements = new TaskPlacements(store, clock, new SecureRandom());
        this.providers = new ProviderPlacements(store, clock, new SecureRandom());
        this.clock = clock;
    }

    /** What RunTask and StartTask share of a request. */
    private record LaunchRequest(String taskDefinition, TaskOverride overrides, String group, String startedBy,
                                 List<Tag> tags, String propagateTags, Boolean managedTags,
                                 NetworkConfiguration network, String platformVersion, String clientToken,
                                 Boolean enableExecuteCommand, boolean volumeConfigurations) {}

    RunTaskResponse run(RunTaskRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        try {
            int count = request.count() == null ? 1 : request.count();
            RunTaskRules.checkCount(count);
            RunTaskRules.LaunchTarget target = RunTaskRules.launchTarget(text(request.launchTypeAsString()),
                    TaskRequestMapping.strategy(request.capacityProviderStrategy()), cluster.capacityProviders(),
                    cluster.defaultStrategy());
            RunTaskRules.checkPlacement(request.placementConstraints().size(), request.placementStrategy().size(),
                    target.launchType());
            TaskLaunch launch = launch(cluster, target.launchType(), new LaunchRequest(request.taskDefinition(),
                    request.overrides(), request.group(), request.startedBy(), request.tags(),
                    request.propagateTagsAsString(), request.enableECSManagedTags(), request.networkConfiguration(),
                    request.platformVersion(), request.clientToken(), request.enableExecuteCommand(),
                    !request.volumeConfigurations().isEmpty()));
            TaskRequirements requirements = launch.definition().requirements(launch.group())
                    .withLaunchType(target.launchType())
                    .withConstraints(TaskRequestMapping.constraints(launch.definition(), request.placementConstraints()));
            List<PlacementStrategy> strategies = TaskRequestMapping.strategies(request.placementStrategy());
            String fingerprint = ClientToken.fingerprintOf(request.toBuilder().clientToken(null).build().toString());
            while (true) {
                Optional<TaskPlacements.TokenToRemember> remember = Optional.empty();
                if (!launch.clientToken().isEmpty()) {
                    var existing = tokens.find(scope, cluster.name(), launch.clientToken());
                    ClientToken.Decision decision = ClientToken.decide(existing.map(Versioned::value),
                            fingerprint, clock.instant());
                    if (decision instanceof ClientToken.Decision.Replay(ClientToken original)) {
                        return replay(cluster, original);
                    }
                    if (decision instanceof ClientToken.Decision.Conflict(ClientToken original)) {
                        throw EcsErrors.CONFLICT.exception("The client token " + launch.clientToken()
                                + " was already used with different parameters for tasks "
                                + String.join(", ", original.taskArns()) + ".");
                    }
                    remember = Optional.of(new TaskPlacements.TokenToRemember(launch.clientToken(), fingerprint,
                            existing.map(Versioned::version).orElse(Store.ABSENT)));
                }
                try {
                    TaskPlacements.Outcome outcome = target.launchType() == LaunchType.FARGATE
                            ? placements.fargate(launch, target, count, remember)
                            : !target.strategy().isEmpty()
                            ? providers.start(launch, target, requirements, strategies,
                                    request.placementConstraints().stream().map(c -> new WaitingPlacement.Rule(
                                            text(c.typeAsString()), text(c.expression()))).toList(),
                                    request.placementStrategy().stream().map(p -> new WaitingPlacement.Rule(
                                            text(p.typeAsString()), text(p.field()))).toList(), count, remember,
                                    new SplittableRandom())
                            : placements.onCluster(launch, requirements, strategies, new SplittableRandom(), count,
                                    remember);
                    logStarted(outcome.tasks());
                    return RunTaskResponse.builder()
                            .tasks(outcome.tasks().stream().map(t -> TaskMapping.toSdk(t, false)).toList())
                            .failures(outcome.failures().stream().map(TaskMapping::failure).toList()).build();
                } catch (TaskPlacements.TokenTaken raced) {
                    // another request with the same token committed first: decide again on its record
                } catch (TaskPlacements.NoContainerInstances none) {
                    throw EcsErrors.INVALID_PARAMETER.exception(none.getMessage());
                }
            }
        } catch (TaskLaunchRejected e) {
            throw EcsErrors.of(e);
        } catch (InvalidTaskDefinitionException e) {
            throw EcsErrors.of(e);
        }
    }

    StartTaskResponse start(StartTaskRequest request, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        List<String> references = request.containerInstances();
        if (references.isEmpty()) {
            throw EcsErrors.CLIENT.exception("Container Instances cannot be empty.");
        }
        if (references.size() > RunTaskRules.MAX_COUNT) {
            throw EcsErrors.INVALID_PARAMETER.exception("containerInstances can have at most " + RunTaskRules.MAX_COUNT
                    + " items.");
        }
        List<Optional<String>> ids = references.stream().map(r -> ClusterLookup.instanceId(cluster, r)).toList();
        boolean external = ids.stream().flatMap(Optional::stream).findFirst()
                .flatMap(id -> instances.find(cluster.scope(), cluster.name(), id))
                .map(v -> v.value().attribute(InstanceSnapshot.EXTERNAL).isPresent()).orElse(false);
        LaunchType type = external ? LaunchType.EXTERNAL : LaunchType.EC2;
        try {
            TaskLaunch launch = launch(cluster, type, new LaunchRequest(request.taskDefinition(),
                    request.overrides(), request.group(), request.startedBy(), request.tags(),
                    request.propagateTagsAsString(), request.enableECSManagedTags(), request.networkConfiguration(),
                    null, null, request.enableExecuteCommand(), !request.volumeConfigurations().isEmpty()));
            TaskRequirements requirements = launch.definition().requirements(launch.group()).withLaunchType(type);
            TaskPlacements.Outcome outcome = placements.onInstances(launch, requirements, references, ids);
            logStarted(outcome.tasks());
            return StartTaskResponse.builder()
                    .tasks(outcome.tasks().stream().map(t -> TaskMapping.toSdk(t, false)).toList())
                    .failures(outcome.failures().stream().map(TaskMapping::failure).toList()).build();
        } catch (TaskLaunchRejected e) {
            throw EcsErrors.of(e);
        } catch (InvalidTaskDefinitionException e) {
            throw EcsErrors.of(e);
        }
    }

    /** The launch a request describes: its definition resolved and overridden, its names, tags and network checked. */
    private TaskLaunch launch(Cluster cluster, LaunchType type, LaunchRequest r) {
        if (r.volumeConfigurations()) {
            throw EcsErrors.CLIENT.exception("berth does not support 'volumeConfigurations' (Amazon EBS volumes).");
        }
        if ("SERVICE".equals(r.propagateTags())) {
            throw EcsErrors.INVALID_PARAMETER.exception("Tags can only be propagated from the SERVICE for tasks that a"
                    + " service starts.");
        }
        TaskDefinition registered = TaskDefinitionRef.parse(r.taskDefinition())
                .flatMap(ref -> definitions.resolve(cluster.scope(), ref))
                .map(Versioned::value)
                .orElseThrow(EcsErrors::taskDefinitionNotFound);
        String group = r.group() == null ? TaskRequirements.defaultGroup(registered.family()) : r.group();
        String startedBy = text(r.startedBy());
        String token = text(r.clientToken());
        RunTaskRules.checkNames(startedBy, group, token);
        RunTaskRules.checkCompatibility(registered, type);
        String platformVersion = RunTaskRules.platformVersion(text(r.platformVersion()), type);
        List<String> subnets = RunTaskRules.subnets(registered, TaskRequestMapping.awsvpc(r.network()));
        TaskOverrides overrides = TaskRequestMapping.overrides(r.overrides());
        TaskDefinition effective = TaskOverridesMerge.apply(registered, overrides, type);
        Map<String, String> requested = TagMapping.checked(r.tags());
        Map<String, String> tags = new LinkedHashMap<>();
        if ("TASK_DEFINITION".equals(r.propagateTags())) {
            tags.putAll(registered.tags());
        }
        tags = TagMapping.merged(tags, TagMapping.toSdk(requested));
        if (Boolean.TRUE.equals(r.managedTags())) {
            tags = new LinkedHashMap<>(tags);
            tags.put("aws:ecs:clusterName", cluster.name());
        }
        return new TaskLaunch(cluster.accountId(), cluster.region(), cluster.name(), registered.arn(), effective, type,
                "", platformVersion, group, startedBy, tags, overrides, token,
                Boolean.TRUE.equals(r.enableExecuteCommand()), subnets);
    }

    private RunTaskResponse replay(Cluster cluster, ClientToken original) {
        List<software.amazon.awssdk.services.ecs.model.Task> described = new ArrayList<>();
        for (String arn : original.taskArns()) {
            tasks.find(cluster.scope(), cluster.name(), arn.substring(arn.lastIndexOf('/') + 1))
                    .ifPresent(v -> described.add(TaskMapping.toSdk(v.value(), false)));
        }
        return RunTaskResponse.builder().tasks(described)
                .failures(original.failures().stream().map(TaskMapping::failure).toList()).build();
    }

    private static void logStarted(List<Task> started) {
        for (Task task : started) {
            LOG.info("task {} of {} in cluster {} is PROVISIONING on {}", task.id(), task.taskDefinitionArn(),
                    task.cluster(), task.onInstance() ? task.containerInstanceArn()
                    : task.awaitingCapacity() ? "no instance yet (waiting for capacity provider " + task.capacityProviderName()
                    + ")" : "Fargate capacity");
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
