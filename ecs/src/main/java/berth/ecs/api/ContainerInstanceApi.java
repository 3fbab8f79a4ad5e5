package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.ContainerInstanceRegistration;
import berth.ecs.core.instance.InstanceIdentity;
import berth.ecs.core.instance.VersionInfo;
import berth.ecs.core.placement.ClusterQuery;
import berth.ecs.core.placement.InvalidPlacementException;
import berth.ecs.state.ClusterActivity;
import berth.ecs.state.ContainerInstanceRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceResponse;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;

/**
 * RegisterContainerInstance (the agent's operation), DeregisterContainerInstance,
 * DescribeContainerInstances, ListContainerInstances and UpdateContainerInstancesState.
 */
final class ContainerInstanceApi {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerInstanceApi.class);
    private static final int MAX_PAGE = 100;

    private final ClusterLookup lookup;
    private final ContainerInstanceRecords instances;
    private final ClusterActivity activity;
    private final Clock clock;

    ContainerInstanceApi(Store store, Clock clock) {
        this.lookup = new ClusterLookup(store);
        this.instances = new ContainerInstanceRecords(store);
        this.activity = new ClusterActivity(store);
        this.clock = clock;
    }

    /**
     * Registers an instance, or registers it again: when the request carries the instance's ARN, or
     * when a registered instance of the cluster has the same EC2 instance id (the agent lost its
     * state), that instance is updated instead of a second one created.
     */
    RegisterContainerInstanceResponse register(RegisterContainerInstanceRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        if (request.hasPlatformDevices() && !request.platformDevices().isEmpty()) {
            throw EcsErrors.CLIENT.exception("berth does not support 'platformDevices'.");
        }
        InstanceIdentity identity = ContainerInstanceMapping.identity(request.instanceIdentityDocument());
        var version = request.versionInfo() == null ? VersionInfo.none() : new VersionInfo(
                text(request.versionInfo().agentVersion()), text(request.versionInfo().agentHash()),
                text(request.versionInfo().dockerVersion()));
        var attributes = ContainerInstanceMapping.attributes(request.attributes());
        Map<String, String> tags = TagMapping.checked(request.tags());
        Optional<String> existingId = request.containerInstanceArn() == null ? Optional.empty()
                : Optional.of(ClusterLookup.instanceId(cluster, request.containerInstanceArn())
                        .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("Invalid containerInstanceArn: "
                                + request.containerInstanceArn())));
        if (existingId.isEmpty()) {
            existingId = instances.registered(scope, cluster.name()).stream()
                    .filter(i -> i.ec2InstanceId().equals(identity.ec2InstanceId()))
                    .map(ContainerInstance::id).findFirst();
        }
        String id = existingId.orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        ContainerInstance fresh = ContainerInstanceRegistration.register(scope, cluster.name(), id, identity,
                ContainerInstanceMapping.resources(request.totalResources()), version, attributes, tags,
                clock.instant());
        for (int attempt = 0; ; attempt++) {
            var current = instances.find(scope, cluster.name(), id);
            if (current.isEmpty() && request.containerInstanceArn() != null) {
                throw EcsErrors.INVALID_PARAMETER.exception("The referenced container instance was not found.");
            }
            if (current.isPresent() && !current.get().value().registered()) {
                throw EcsErrors.CLIENT.exception("The container instance " + current.get().value().arn()
                        + " is INACTIVE; register the host as a new container instance.");
            }
            ContainerInstance registered = current.map(c -> c.value().reregistered(fresh)).orElse(fresh);
            try {
                instances.save(registered, current.map(Versioned::version).orElse(Store.ABSENT));
                LOG.info("{} container instance {} ({}) in cluster {}", current.isPresent() ? "re-registered"
                        : "registered", registered.arn(), registered.ec2InstanceId(), cluster.name());
                long storedVersion = instances.find(scope, cluster.name(), id)
                        .map(Versioned::version).orElse(0L);
                return RegisterContainerInstanceResponse.builder()
                        .containerInstance(ContainerInstanceMapping.toSdk(registered, storedVersion, true)).build();
            } catch (VersionConflict conflict) {
                if (attempt > 10) {
                    throw conflict;
                }
            }
        }
    }

    DeregisterContainerInstanceResponse deregister(DeregisterContainerInstanceRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        String id = ClusterLookup.instanceId(cluster, request.containerInstance())
                .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("Container instance not found."));
        boolean force = Boolean.TRUE.equals(request.force());
        ContainerInstance deregistered = instances.update(scope, cluster.name(), id, i -> {
            if (!i.registered()) {
                return i;
            }
            if (!force && (i.runningTasksCount() + i.pendingTasksCount() > 0
                    || activity.unstoppedTasksOn(scope, cluster.name(), i.arn()) > 0)) {
                throw EcsErrors.INVALID_PARAMETER.exception("Found running tasks on the instance.");
            }
            return i.withStatus(InstanceStatus.INACTIVE, "").withAgent(false, clock.instant());
        }).orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("Container instance not found."));
        LOG.info("deregistered container instance {} from cluster {}{}", deregistered.arn(), cluster.name(),
                force ? " (forced)" : "");
        return DeregisterContainerInstanceResponse.builder()
                .containerInstance(ContainerInstanceMapping.toSdk(deregistered, version(deregistered), false)).build();
    }

    DescribeContainerInstancesResponse describe(DescribeContainerInstancesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        boolean withTags = request.include().contains(ContainerInstanceField.TAGS);
        List<software.amazon.awssdk.services.ecs.model.ContainerInstance> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : request.containerInstances()) {
            var instance = ClusterLookup.instanceId(cluster, reference)
                    .flatMap(id -> instances.find(scope, cluster.name(), id));
            if (instance.isPresent()) {
                found.add(ContainerInstanceMapping.toSdk(instance.get().value(), instance.get().version(), withTags));
            } else {
                failures.add(Failure.builder().arn(reference).reason("MISSING").build());
            }
        }
        return DescribeContainerInstancesResponse.builder().containerInstances(found).failures(failures).build();
    }

    ListContainerInstancesResponse list(ListContainerInstancesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        Optional<ClusterQuery> filter = Optional.ofNullable(request.filter()).filter(f -> !f.isBlank()).map(f -> {
            try {
                return ClusterQuery.parse(f);
            } catch (InvalidPlacementException | IllegalArgumentException e) {
                throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
            }
        });
        String status = request.status() == null ? "" : request.statusAsString();
        Map<String, List<TaskOnInstance>> tasks = filter.isPresent() && filter.get().referencesTaskGroups()
                ? activity.tasksByInstance(scope, cluster.name()) : Map.of();
        List<ContainerInstance> matching = new ArrayList<>();
        for (ContainerInstance instance : instances.list(scope, cluster.name())) {
            boolean statusMatches = status.isEmpty() ? instance.registered() : instance.status().name().equals(status);
            if (statusMatches && filter.map(q -> matches(q, instance, tasks)).orElse(true)) {
                matching.add(instance);
            }
        }
        Page<ContainerInstance> page = Page.of(matching, request.nextToken(), request.maxResults(), MAX_PAGE, MAX_PAGE,
                ContainerInstance::id);
        return ListContainerInstancesResponse.builder()
                .containerInstanceArns(page.items().stream().map(ContainerInstance::arn).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private static boolean matches(ClusterQuery query, ContainerInstance instance,
                                   Map<String, List<TaskOnInstance>> tasks) {
        try {
            return query.matches(instance.toSnapshot(tasks.getOrDefault(instance.arn(), List.of())));
        } catch (IllegalArgumentException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
        }
    }

    UpdateContainerInstancesStateResponse updateState(UpdateContainerInstancesStateRequest request,
                                                      RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        String wanted = request.statusAsString();
        if (!"ACTIVE".equals(wanted) && !"DRAINING".equals(wanted)) {
            throw EcsErrors.INVALID_PARAMETER.exception("Container instances can only be set to ACTIVE or DRAINING.");
        }
        InstanceStatus status = InstanceStatus.valueOf(wanted);
        List<software.amazon.awssdk.services.ecs.model.ContainerInstance> updated = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : request.containerInstances()) {
            Optional<String> id = ClusterLookup.instanceId(cluster, reference);
            Optional<ContainerInstance> current = id.flatMap(i -> instances.find(scope, cluster.name(), i))
                    .map(Versioned::value);
            if (current.isEmpty()) {
                failures.add(Failure.builder().arn(reference).reason("MISSING").build());
                continue;
            }
            if (!current.get().registered()) {
                failures.add(Failure.builder().arn(current.get().arn()).reason("INACTIVE")
                        .detail("The container instance is INACTIVE.").build());
                continue;
            }
            ContainerInstance changed = instances.update(scope, cluster.name(), id.get(),
                    i -> i.registered() ? i.withStatus(status, "") : i).orElseThrow();
            if (current.get().status() != status) {
                LOG.info("container instance {} of cluster {} is now {}", changed.arn(), cluster.name(), status);
            }
            updated.add(ContainerInstanceMapping.toSdk(changed, version(changed), false));
        }
        return UpdateContainerInstancesStateResponse.builder().containerInstances(updated).failures(failures).build();
    }

    private long version(ContainerInstance instance) {
        return instances.find(instance.scope(), instance.cluster(), instance.id())
                .map(Versioned::version).orElse(0L);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
