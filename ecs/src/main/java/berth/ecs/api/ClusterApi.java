package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.ClusterConfiguration;
import berth.ecs.core.EcsArns;
import berth.ecs.state.ClusterActivity;
import berth.ecs.state.ClusterRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.ServiceRecords;
import berth.ecs.state.TaskRecords;
import berth.ecs.core.AccountSettings;
import berth.ecs.core.CapacityProvider;
import berth.ecs.core.task.CapacityProviderItem;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.TaskLaunchRejected;
import berth.ecs.core.task.TaskStatus;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersResponse;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsResponse;

/** CreateCluster, DescribeClusters, ListClusters, UpdateCluster, UpdateClusterSettings, DeleteCluster. */
final class ClusterApi {
    static final String DEFAULT_CLUSTER = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterApi.class);
    /** What create, update and delete answer with: everything but statistics. */
    private static final Set<ClusterField> FULL = EnumSet.of(ClusterField.TAGS, ClusterField.SETTINGS,
            ClusterField.CONFIGURATIONS);

    private final ClusterRecords clusters;
    private final ContainerInstanceRecords instances;
    private final ClusterActivity activity;
    private final ClusterLookup lookup;
    private final CapacityProviderApi providers;
    private final ServiceRecords services;
    private final TaskRecords tasks;
    private final Clock clock;

    private final AccountSettingApi accountSettings;

    ClusterApi(Store store, Clock clock, CapacityProviderApi providers, AccountSettingApi accountSettings) {
        this.clusters = new ClusterRecords(store);
        this.accountSettings = accountSettings;
        this.providers = providers;
        this.services = new ServiceRecords(store);
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.activity = new ClusterActivity(store);
        this.lookup = new ClusterLookup(store);
        this.clock = clock;
    }

    CreateClusterResponse create(CreateClusterRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = request.clusterName() == null ? DEFAULT_CLUSTER : request.clusterName();
        if (!Cluster.validName(name)) {
            throw EcsErrors.INVALID_PARAMETER.exception("Cluster name must be 1-255 characters: letters, numbers,"
                    + " hyphens and underscores.");
        }
        Map<String, String> tags = TagMapping.checked(request.tags());
        List<Cluster.Setting> settings = withContainerInsights(ctx, ClusterMapping.settings(request.settings()));
        ClusterConfiguration configuration = ClusterMapping.configuration(request.configuration());
        String namespace = request.serviceConnectDefaults() == null ? ""
                : text(request.serviceConnectDefaults().namespace());
        List<String> capacityProviders = capacityProviders(scope, request.capacityProviders(),
                request.defaultCapacityProviderStrategy());
        List<CapacityProviderItem> defaultStrategy = TaskRequestMapping.strategy(request.defaultCapacityProviderStrategy());
        for (int attempt = 0; ; attempt++) {
            var existing = clusters.find(scope, name);
            try {
                if (existing.isPresent() && existing.get().value().active()) {
                    Cluster cluster = existing.get().value();
                    return CreateClusterResponse.builder().cluster(ClusterMapping.toSdk(cluster, FULL, counts(cluster)))
                            .build();
                }
                Cluster cluster = new Cluster(scope.accountId(), scope.region(), name, Cluster.ACTIVE, tags, settings,
                        clock.instant(), configuration, namespace, capacityProviders, defaultStrategy);
                clusters.save(cluster, existing.map(Versioned::version).orElse(Store.ABSENT));
                LOG.info("created cluster {}", cluster.arn());
                return CreateClusterResponse.builder()
                        .cluster(ClusterMapping.toSdk(cluster, FULL, ClusterMapping.Counts.NONE)).build();
            } catch (VersionConflict conflict) {
                if (attempt > 5) throw conflict;
            }
        }
    }

    DescribeClustersResponse describe(DescribeClustersRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<String> wanted = request.clusters().isEmpty() ? List.of(DEFAULT_CLUSTER) : request.clusters();
        Set<ClusterField> include = request.include().isEmpty() ? Set.of() : EnumSet.copyOf(request.include());
        List<software.amazon.awssdk.services.ecs.model.Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String nameOrArn : wanted) {
            String name = EcsArns.clusterName(nameOrArn);
            var cluster = clusters.find(scope, name);
            if (cluster.isPresent()) {
                found.add(ClusterMapping.toSdk(cluster.get().value(), include, counts(cluster.get().value())));
            } else {
                failures.add(Failure.builder().arn(EcsArns.cluster(scope, name)).reason("MISSING").build());
            }
        }
        return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
    }

    ListClustersResponse list(ListClustersRequest request, RequestContext ctx) {
        List<String> arns = clusters.list(ctx.scope()).stream()
                .filter(Cluster::active).map(Cluster::arn).toList();
        Page<String> page = Page.of(arns, request.nextToken(), request.maxResults(), 100, 100, arn -> arn);
        return ListClustersResponse.builder().clusterArns(page.items()).nextToken(page.nextToken().orElse(null)).build();
    }

    UpdateClusterResponse update(UpdateClusterRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster target = lookup.activeCluster(scope, request.cluster());
        List<Cluster.Setting> settings = ClusterMapping.settings(request.settings());
        ClusterConfiguration configuration = request.configuration() == null ? null
                : ClusterMapping.configuration(request.configuration());
        String namespace = request.serviceConnectDefaults() == null ? null
                : text(request.serviceConnectDefaults().namespace());
        Cluster updated = clusters.update(scope, target.name(), c -> {
            Cluster changed = c.withSettings(settings);
            if (configuration != null) changed = changed.withConfiguration(configuration);
            if (namespace != null) changed = changed.withServiceConnectNamespace(namespace);
            return changed;
        }).orElseThrow(EcsErrors::clusterNotFound);
        return UpdateClusterResponse.builder().cluster(ClusterMapping.toSdk(updated, FULL, counts(updated))).build();
    }

    UpdateClusterSettingsResponse updateSettings(UpdateClusterSettingsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster target = lookup.activeCluster(scope, request.cluster());
        List<Cluster.Setting> settings = ClusterMapping.settings(request.settings());
        Cluster updated = clusters.update(scope, target.name(), c -> c.withSettings(settings))
                .orElseThrow(EcsErrors::clusterNotFound);
        return UpdateClusterSettingsResponse.builder()
                .cluster(ClusterMapping.toSdk(updated, FULL, counts(updated))).build();
    }

    /** A new cluster's settings: containerInsights follows the account setting unless the request sets it. */
    private List<Cluster.Setting> withContainerInsights(RequestContext ctx, List<Cluster.Setting> requested) {
        if (requested.stream().anyMatch(s -> s.name().equals(AccountSettings.CONTAINER_INSIGHTS))) {
            return requested;
        }
        List<Cluster.Setting> all = new ArrayList<>(requested);
        all.add(new Cluster.Setting(AccountSettings.CONTAINER_INSIGHTS,
                accountSettings.effective(ctx, AccountSettings.CONTAINER_INSIGHTS)));
        return all;
    }

    /**
     * Associates capacity providers with a cluster and sets its default strategy, both replacing what
     * was there; a provider still used by a service or a task of the cluster cannot be removed.
     */
    PutClusterCapacityProvidersResponse putCapacityProviders(PutClusterCapacityProvidersRequest request,
                                                             RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster target = lookup.activeCluster(scope, request.cluster());
        List<String> wanted = capacityProviders(scope, request.capacityProviders(),
                request.defaultCapacityProviderStrategy());
        List<CapacityProviderItem> strategy = TaskRequestMapping.strategy(request.defaultCapacityProviderStrategy());
        for (String removed : target.capacityProviders()) {
            if (!wanted.contains(removed) && inUse(target, removed)) {
                throw EcsErrors.RESOURCE_IN_USE.exception("The specified capacity provider is in use and"
                        + " cannot be removed.");
            }
        }
        Cluster updated = clusters.update(scope, target.name(),
                c -> c.withCapacityProviders(wanted, strategy)).orElseThrow(EcsErrors::clusterNotFound);
        LOG.info("cluster {} capacity providers {} default strategy {}", updated.arn(), wanted, strategy);
        return PutClusterCapacityProvidersResponse.builder()
                .cluster(ClusterMapping.toSdk(updated, FULL, counts(updated))).build();
    }

    /** The providers named (names or ARNs), each existing, with a default strategy using only them. */
    private List<String> capacityProviders(Scope scope, List<String> references,
                                           List<software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem> defaults) {
        List<String> names = new ArrayList<>();
        for (String reference : references) {
            String name = EcsArns.capacityProviderName(reference);
            if (!providers.exists(scope, name)) {
                throw EcsErrors.INVALID_PARAMETER.exception("The specified capacity provider " + name + " does not"
                        + " exist. Specify a valid capacity provider and try again.");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        List<CapacityProviderItem> strategy = TaskRequestMapping.strategy(defaults);
        try {
            RunTaskRules.checkStrategy(strategy);
        } catch (TaskLaunchRejected e) {
            throw EcsErrors.of(e);
        }
        for (CapacityProviderItem item : strategy) {
            if (!names.contains(item.capacityProvider())) {
                throw EcsErrors.INVALID_PARAMETER.exception("The specified default capacity provider strategy cannot"
                        + " contain a capacity provider that is not associated with the cluster. Associate the capacity"
                        + " provider with the cluster or specify a valid capacity provider and try again.");
            }
        }
        long fargate = strategy.stream().filter(i -> CapacityProvider.fargate(i.capacityProvider())).count();
        if (fargate != 0 && fargate != strategy.size()) {
            throw EcsErrors.INVALID_PARAMETER.exception("The specified capacity provider strategy cannot contain a mix"
                    + " of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other"
                    + " and try again.");
        }
        return names;
    }

    /** A service of the cluster names the provider in its strategy, or one of its tasks runs on it. */
    private boolean inUse(Cluster cluster, String provider) {
        boolean byService = services.list(cluster.scope(), cluster.name()).stream()
                .map(Versioned::value)
                .filter(s -> !s.status().equals(berth.ecs.core.service.Service.INACTIVE))
                .anyMatch(s -> s.capacityProviderStrategy().stream().anyMatch(i -> i.capacityProvider().equals(provider)));
        return byService || tasks.list(cluster.scope(), cluster.name()).stream()
                .map(Versioned::value)
                .anyMatch(t -> t.capacityProviderName().equals(provider) && t.lastStatus() != TaskStatus.STOPPED);
    }

    DeleteClusterResponse delete(DeleteClusterRequest request, RequestContext ctx) {
        String name = EcsArns.clusterName(request.cluster());
        var existing = clusters.find(ctx.scope(), name)
                .filter(v -> v.value().active())
                .orElseThrow(EcsErrors::clusterNotFound);
        ClusterMapping.Counts counts = counts(existing.value());
        if (counts.registeredInstances() > 0) {
            throw EcsErrors.CLUSTER_CONTAINS_CONTAINER_INSTANCES.exception(
                    "The Cluster cannot be deleted while Container Instances are active or draining.");
        }
        if (counts.activity().activeServices() + counts.activity().drainingServices() > 0) {
            throw EcsErrors.CLUSTER_CONTAINS_SERVICES.exception(
                    "The Cluster cannot be deleted while Services are active.");
        }
        if (counts.activity().unstoppedTasks() > 0) {
            throw EcsErrors.CLUSTER_CONTAINS_TASKS.exception(
                    "The Cluster cannot be deleted while Tasks are active.");
        }
        Cluster inactive = existing.value().withStatus(Cluster.INACTIVE);
        clusters.save(inactive, existing.version());
        LOG.info("deleted cluster {}", inactive.arn());
        return DeleteClusterResponse.builder()
                .cluster(ClusterMapping.toSdk(inactive, FULL, ClusterMapping.Counts.NONE)).build();
    }

    private ClusterMapping.Counts counts(Cluster cluster) {
        if (!cluster.active()) {
            return ClusterMapping.Counts.NONE;
        }
        int registered = instances.registered(cluster.scope(), cluster.name()).size();
        return new ClusterMapping.Counts(registered, activity.counts(cluster.scope(), cluster.name()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
