package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.EcsArns;
import berth.ecs.state.ClusterRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateCluster, DescribeClusters, ListClusters, DeleteCluster. */
final class ClusterApi {
    static final String DEFAULT_CLUSTER = "default";

    private final ClusterRecords clusters;
    private final Clock clock;

    ClusterApi(Store store, Clock clock) {
        this.clusters = new ClusterRecords(store);
        this.clock = clock;
    }

    CreateClusterResponse create(CreateClusterRequest request, RequestContext ctx) {
        String name = request.clusterName() == null ? DEFAULT_CLUSTER : request.clusterName();
        if (!Cluster.validName(name)) {
            throw EcsErrors.invalidParameter("Cluster name must be 1-255 characters: letters, numbers, hyphens and underscores.");
        }
        Map<String, String> tags = tags(request.tags());
        List<Cluster.Setting> settings = request.settings().stream()
                .map(s -> new Cluster.Setting(s.nameAsString(), s.value())).toList();
        for (int attempt = 0; ; attempt++) {
            var existing = clusters.find(ctx.accountId(), ctx.region(), name);
            try {
                if (existing.isPresent() && existing.get().cluster().active()) {
                    return CreateClusterResponse.builder().cluster(toSdk(existing.get().cluster(), true)).build();
                }
                Cluster cluster = new Cluster(ctx.accountId(), ctx.region(), name, Cluster.ACTIVE, tags, settings,
                        clock.instant());
                clusters.save(cluster, existing.map(ClusterRecords.Versioned::version).orElse(Store.ABSENT));
                return CreateClusterResponse.builder().cluster(toSdk(cluster, true)).build();
            } catch (VersionConflict conflict) {
                if (attempt > 5) throw conflict;
            }
        }
    }

    DescribeClustersResponse describe(DescribeClustersRequest request, RequestContext ctx) {
        List<String> wanted = request.clusters().isEmpty() ? List.of(DEFAULT_CLUSTER) : request.clusters();
        Set<ClusterField> include = Set.copyOf(request.include());
        List<software.amazon.awssdk.services.ecs.model.Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String nameOrArn : wanted) {
            String name = EcsArns.clusterName(nameOrArn);
            var cluster = clusters.find(ctx.accountId(), ctx.region(), name);
            if (cluster.isPresent()) {
                found.add(toSdk(cluster.get().cluster(), include.contains(ClusterField.TAGS)));
            } else {
                failures.add(Failure.builder().arn(EcsArns.cluster(ctx.accountId(), ctx.region(), name)).reason("MISSING").build());
            }
        }
        return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
    }

    ListClustersResponse list(ListClustersRequest request, RequestContext ctx) {
        List<String> arns = clusters.list(ctx.accountId(), ctx.region()).stream()
                .filter(Cluster::active).map(Cluster::arn).toList();
        Page<String> page = Page.of(arns, request.nextToken(), request.maxResults(), 100, 100, arn -> arn);
        return ListClustersResponse.builder().clusterArns(page.items()).nextToken(page.nextToken().orElse(null)).build();
    }

    DeleteClusterResponse delete(DeleteClusterRequest request, RequestContext ctx) {
        String name = EcsArns.clusterName(request.cluster());
        var existing = clusters.find(ctx.accountId(), ctx.region(), name)
                .filter(v -> v.cluster().active())
                .orElseThrow(EcsErrors::clusterNotFound);
        Cluster inactive = existing.cluster().withStatus(Cluster.INACTIVE);
        clusters.save(inactive, existing.version());
        return DeleteClusterResponse.builder().cluster(toSdk(inactive, true)).build();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw EcsErrors.invalidParameter("Tag keys must be between 1 and 128 characters.");
            }
            if (tag.value() != null && tag.value().length() > 256) {
                throw EcsErrors.invalidParameter("Tag values must be at most 256 characters.");
            }
            out.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (out.size() > 50) throw EcsErrors.invalidParameter("A resource can have at most 50 tags.");
        return out;
    }

    static software.amazon.awssdk.services.ecs.model.Cluster toSdk(Cluster cluster, boolean withTags) {
        var builder = software.amazon.awssdk.services.ecs.model.Cluster.builder()
                .clusterArn(cluster.arn())
                .clusterName(cluster.name())
                .status(cluster.status())
                .registeredContainerInstancesCount(0)
                .runningTasksCount(0)
                .pendingTasksCount(0)
                .activeServicesCount(0)
                .statistics(List.of())
                .settings(cluster.settings().stream()
                        .map(s -> ClusterSetting.builder().name(s.name()).value(s.value()).build()).toList());
        if (withTags) {
            builder.tags(cluster.tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        }
        return builder.build();
    }
}
