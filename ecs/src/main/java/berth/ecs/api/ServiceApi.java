package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.EcsArns;
import berth.ecs.core.LaunchType;
import berth.ecs.core.service.Deployment;
import berth.ecs.core.service.DeploymentSettings;
import berth.ecs.core.service.Service;
import berth.ecs.core.service.ServiceLoadBalancer;
import berth.ecs.core.service.ServiceProgress;
import berth.ecs.core.task.AwsVpcConfiguration;
import berth.ecs.core.task.CapacityProviderItem;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.TaskLaunchRejected;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.state.ServiceRecords;
import berth.ecs.state.TaskDefinitionRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.*;

/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices, and tags on services. */
final class ServiceApi {
    private static final int MAX_PAGE = 100;
    private static final int DEFAULT_PAGE = 10;

    private final ClusterLookup lookup;
    private final ServiceRecords services;
    private final TaskDefinitionRecords definitions;
    private final berth.ecs.state.TaskRecords tasks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ServiceApi(Store store, Clock clock) {
        this.lookup = new ClusterLookup(store);
        this.tasks = new berth.ecs.state.TaskRecords(store);
        this.services = new ServiceRecords(store);
        this.definitions = new TaskDefinitionRecords(store);
        this.clock = clock;
    }

    CreateServiceResponse create(CreateServiceRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, r.cluster());
        ServiceRequests.checkName(r.serviceName());
        if (r.schedulingStrategy() == SchedulingStrategy.DAEMON) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth supports the REPLICA scheduling strategy only; DAEMON"
                    + " services are not supported.");
        }
        if (r.deploymentController() != null && r.deploymentController().type() != DeploymentControllerType.ECS) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth supports the ECS deployment controller only.");
        }
        if (!r.serviceRegistries().isEmpty() || r.serviceConnectConfiguration() != null) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth does not support service registries or Service"
                    + " Connect.");
        }
        if (r.taskDefinition() == null || r.taskDefinition().isEmpty()) {
            throw EcsErrors.INVALID_PARAMETER.exception("TaskDefinition can not be blank.");
        }
        ServiceRequests.checkRebalancing(r.availabilityZoneRebalancingAsString());
        ServiceRequests.checkDesiredCount(r.desiredCount());
        TaskDefinition definition = active(definition(scope, r.taskDefinition()));
        LaunchType type;
        List<CapacityProviderItem> strategy;
        List<String> subnets;
        try {
            RunTaskRules.LaunchTarget target = RunTaskRules.launchTarget(ServiceRequests.text(r.launchTypeAsString()),
                    TaskRequestMapping.strategy(r.capacityProviderStrategy()), cluster.capacityProviders(),
                    cluster.defaultStrategy());
            type = target.launchType();
            strategy = target.strategy();
            RunTaskRules.checkCompatibility(definition, type);
            subnets = RunTaskRules.subnets(definition, TaskRequestMapping.awsvpc(r.networkConfiguration()));
        } catch (TaskLaunchRejected e) {
            throw EcsErrors.of(e);
        }
        Optional<AwsVpcConfiguration> awsvpc = TaskRequestMapping.awsvpc(r.networkConfiguration());
        String propagate = r.propagateTags() == null ? "NONE" : r.propagateTagsAsString();
        Map<String, String> tags = TagMapping.checked(r.tags());
        var now = clock.instant();
        String deploymentId = Deployment.idOf(random.nextLong());
        int desired = r.desiredCount() == null ? 0 : r.desiredCount();
        Service service = new Service(scope.accountId(), scope.region(), cluster.name(), r.serviceName(), Service.ACTIVE,
                type.name(), definition.arn(), desired, ServiceRequests.loadBalancers(r.loadBalancers(), definition),
                r.healthCheckGracePeriodSeconds() == null ? 0 : r.healthCheckGracePeriodSeconds(),
                ServiceRequests.deployment(r.deploymentConfiguration(), DeploymentSettings.defaults()),
                ServiceRequests.constraints(r.placementConstraints()), ServiceRequests.strategy(r.placementStrategy(), type),
                subnets, awsvpc.map(AwsVpcConfiguration::securityGroups).orElse(List.of()),
                awsvpc.map(AwsVpcConfiguration::assignPublicIp).orElse(false), propagate,
                Boolean.TRUE.equals(r.enableECSManagedTags()), tags,
                List.of(Deployment.started(deploymentId, definition.arn(), desired, now)), ServiceProgress.initial(),
                List.of(), now, "arn:aws:iam::" + scope.accountId() + ":root", List.of(), strategy);
        Optional<Versioned<Service>> existing = services.find(service.key());
        if (existing.isPresent() && existing.get().value().status().equals(Service.ACTIVE)) {
            throw EcsErrors.INVALID_PARAMETER.exception("Creation of service was not idempotent.");
        }
        if (existing.isPresent() && existing.get().value().status().equals(Service.DRAINING)) {
            throw EcsErrors.INVALID_PARAMETER.exception("Unable to Start a service that is still Draining.");
        }
        try {
            services.save(service, existing.map(Versioned::version).orElse(Store.ABSENT));
        } catch (VersionConflict raced) {
            throw EcsErrors.INVALID_PARAMETER.exception("Creation of service was not idempotent.");
        }
        return CreateServiceResponse.builder().service(ServiceMapping.toSdk(service, false)).build();
    }

    UpdateServiceResponse update(UpdateServiceRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, r.cluster());
        String name = serviceName(r.service());
        ServiceRequests.checkDesiredCount(r.desiredCount());
        ServiceRequests.checkRebalancing(r.availabilityZoneRebalancingAsString());
        Optional<TaskDefinition> newDefinition = Optional.ofNullable(r.taskDefinition()).filter(t -> !t.isEmpty())
                .map(t -> active(definition(scope, t)));
        if (r.networkConfiguration() != null || !r.placementConstraints().isEmpty()
                || !r.placementStrategy().isEmpty() || !r.capacityProviderStrategy().isEmpty()) {
            Service current = active(cluster, name).value();
            checkUnchanged(current, r);
        }
        Service updated = change(cluster, name, s -> {
            Service.Builder b = s.toBuilder();
            TaskDefinition definition = newDefinition.orElseGet(() -> definition(scope, s.taskDefinitionArn()));
            if (newDefinition.isPresent()) {
                try {
                    RunTaskRules.checkCompatibility(definition, LaunchType.valueOf(s.launchType()));
                } catch (TaskLaunchRejected e) {
                    throw EcsErrors.of(e);
                }
            }
            int desired = r.desiredCount() == null ? s.desiredCount() : r.desiredCount();
            b.desiredCount(desired);
            b.deploymentSettings(ServiceRequests.deployment(r.deploymentConfiguration(), s.deploymentSettings()));
            List<ServiceLoadBalancer> balancers = ServiceRequests.loadBalancers(
                    r.hasLoadBalancers() ? r.loadBalancers() : loadBalancersOf(s), definition);
            b.loadBalancers(balancers);
            List<ServiceLoadBalancer> former = new ArrayList<>(s.formerLoadBalancers());
            s.loadBalancers().stream().filter(lb -> !balancers.contains(lb) && !former.contains(lb))
                    .forEach(former::add);
            former.removeAll(balancers);
            b.formerLoadBalancers(former);
            if (r.healthCheckGracePeriodSeconds() != null) {
                b.healthCheckGracePeriodSeconds(r.healthCheckGracePeriodSeconds());
            }
            boolean redeploy = Boolean.TRUE.equals(r.forceNewDeployment())
                    || !definition.arn().equals(s.taskDefinitionArn()) || !balancers.equals(s.loadBalancers());
            List<Deployment> deployments = new ArrayList<>();
            var now = clock.instant();
            if (redeploy) {
                deployments.add(Deployment.started(Deployment.idOf(random.nextLong()), definition.arn(), desired, now));
                s.deployments().forEach(d -> deployments.add(d.primary() ? d.withStatus(Deployment.ACTIVE, now) : d));
                ServiceProgress p = s.progress();
                b.progress(new ServiceProgress(p.drainingTaskIds(), p.countedStoppedTaskIds(), 0, p.lastFailureAt(),
                        false, p.lastCompletedDeploymentId(), p.lastCompletedTaskDefinitionArn()));
            } else {
                deployments.addAll(s.deployments());
                deployments.set(0, deployments.get(0).withCounts(desired, deployments.get(0).pendingCount(),
                        deployments.get(0).runningCount(), deployments.get(0).failedTasks(), now));
            }
            b.taskDefinitionArn(definition.arn()).deployments(deployments);
            return b.build();
        });
        return UpdateServiceResponse.builder().service(ServiceMapping.toSdk(updated, false)).build();
    }

    DeleteServiceResponse delete(DeleteServiceRequest r, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), r.cluster());
        String name = serviceName(r.service());
        boolean force = Boolean.TRUE.equals(r.force());
        Service deleted = change(cluster, name, s -> {
            if (s.desiredCount() > 0 && !force) {
                throw EcsErrors.INVALID_PARAMETER.exception("The service cannot be stopped while it is scaled above"
                        + " 0.");
            }
            // with no task left to stop there is nothing to drain: the service is gone at once
            return s.toBuilder().status(hasLiveTasks(s) ? Service.DRAINING : Service.INACTIVE).desiredCount(0).build();
        });
        return DeleteServiceResponse.builder().service(ServiceMapping.toSdk(deleted, false)).build();
    }

    private boolean hasLiveTasks(Service s) {
        return tasks.list(s.scope(), s.cluster()).stream()
                .map(Versioned::value)
                .anyMatch(t -> t.group().equals(s.group()) && t.lastStatus() != berth.ecs.core.task.TaskStatus.STOPPED);
    }

    DescribeServicesResponse describe(DescribeServicesRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, r.cluster());
        if (r.services().isEmpty()) {
            throw EcsErrors.INVALID_PARAMETER.exception("Services cannot be empty.");
        }
        if (r.services().size() > 10) {
            throw EcsErrors.INVALID_PARAMETER.exception("Services cannot contain more than 10 elements.");
        }
        boolean withTags = r.include().contains(ServiceField.TAGS);
        List<software.amazon.awssdk.services.ecs.model.Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : r.services()) {
            String name = serviceName(reference);
            Optional<Service> service = services.find(scope, cluster.name(), name)
                    .map(Versioned::value);
            if (service.isPresent()) {
                found.add(ServiceMapping.toSdk(service.get(), withTags));
            } else {
                failures.add(Failure.builder().arn(reference.startsWith("arn:") ? reference
                        : EcsArns.service(scope, cluster.name(), name)).reason("MISSING").build());
            }
        }
        return DescribeServicesResponse.builder().services(found).failures(failures).build();
    }

    ListServicesResponse list(ListServicesRequest r, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), r.cluster());
        List<Service> matching = services.list(cluster.scope(), cluster.name()).stream()
                .map(Versioned::value)
                .filter(s -> !s.status().equals(Service.INACTIVE))
                .filter(s -> r.launchType() == null || s.launchType().equals(r.launchTypeAsString()))
                .filter(s -> r.schedulingStrategy() == null || r.schedulingStrategy() == SchedulingStrategy.REPLICA)
                .sorted(Comparator.comparing(Service::serviceName)).toList();
        Page<Service> page = Page.of(matching, r.nextToken(), r.maxResults(), DEFAULT_PAGE, MAX_PAGE,
                Service::serviceName);
        return ListServicesResponse.builder().serviceArns(page.items().stream().map(Service::arn).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    /** Tags of services for TagResource and friends: ARNs {@code service/CLUSTER/NAME}. */
    TaggableResources.TaggableKind taggable() {
        return new TaggableResources.TaggableKind() {
            @Override
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                return services.find(scope.key(arn.resourceName()))
                        .map(Versioned::value).filter(s -> !s.status().equals(Service.INACTIVE))
                        .map(Service::tags);
            }

            @Override
            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                String key = scope.key(arn.resourceName());
                while (true) {
                    Optional<Versioned<Service>> v = services.find(key);
                    if (v.isEmpty() || v.get().value().status().equals(Service.INACTIVE)) {
                        return false;
                    }
                    Service s = v.get().value();
                    try {
                        services.save(s.toBuilder().tags(change.apply(s.tags())).build(), v.get().version());
                        return true;
                    } catch (VersionConflict raced) {
                        // changed meanwhile: apply the change to the fresh record
                    }
                }
            }
        };
    }

    private Service change(Cluster cluster, String name, UnaryOperator<Service> change) {
        while (true) {
            Versioned<Service> current = active(cluster, name);
            Service changed = change.apply(current.value());
            try {
                services.save(changed, current.version());
                return changed;
            } catch (VersionConflict raced) {
                // the scheduler or another request wrote meanwhile: decide again on the fresh record
            }
        }
    }

    private Versioned<Service> active(Cluster cluster, String name) {
        Versioned<Service> found = services.find(cluster.scope(), cluster.name(), name)
                .orElseThrow(EcsErrors::serviceNotFound);
        if (!found.value().status().equals(Service.ACTIVE)) {
            throw EcsErrors.SERVICE_NOT_ACTIVE.exception("Service was not ACTIVE.");
        }
        return found;
    }

    private TaskDefinition definition(Scope scope, String reference) {
        return TaskDefinitionRef.parse(reference)
                .flatMap(ref -> definitions.resolve(scope, ref))
                .map(Versioned::value)
                .orElseThrow(EcsErrors::taskDefinitionNotFound);
    }

    /** A revision new tasks may be started from: ECS refuses INACTIVE ones for new deployments. */
    private static TaskDefinition active(TaskDefinition definition) {
        if (!definition.active()) {
            throw EcsErrors.CLIENT.exception("TaskDefinition is inactive");
        }
        return definition;
    }

    private static List<software.amazon.awssdk.services.ecs.model.LoadBalancer> loadBalancersOf(Service s) {
        return s.loadBalancers().stream().map(lb -> software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                .targetGroupArn(lb.targetGroupArn()).containerName(lb.containerName())
                .containerPort(lb.containerPort()).build()).toList();
    }

    private static void checkUnchanged(Service s, UpdateServiceRequest r) {
        if (r.networkConfiguration() != null) {
            var c = TaskRequestMapping.awsvpc(r.networkConfiguration());
            if (!c.map(AwsVpcConfiguration::subnets).orElse(List.of()).equals(s.subnets())) {
                throw EcsErrors.INVALID_PARAMETER.exception("berth does not support changing a service's"
                        + " networkConfiguration; create a new service instead.");
            }
        }
        if (!r.placementConstraints().isEmpty() || !r.placementStrategy().isEmpty()
                || !r.capacityProviderStrategy().isEmpty()) {
            throw EcsErrors.INVALID_PARAMETER.exception("berth does not support changing a service's placement or"
                    + " capacity provider strategy; create a new service instead.");
        }
    }

    /** The service name of a name or ARN ({@code service/CLUSTER/NAME} or the old {@code service/NAME}). */
    static String serviceName(String reference) {
        return reference.startsWith("arn:") ? reference.substring(reference.lastIndexOf('/') + 1) : reference;
    }
}
