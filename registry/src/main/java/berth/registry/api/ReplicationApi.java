package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.registry.core.ImageReplication;
import berth.registry.core.InvalidConfiguration;
import berth.registry.core.ReplicationConfiguration;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistrySettings;
import software.amazon.awssdk.services.ecr.model.DescribeImageReplicationStatusRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageReplicationStatusResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.PutReplicationConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutReplicationConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.RepositoryFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryFilterType;

import java.util.List;

/**
 * The registry's replication configuration (DescribeRegistry, PutReplicationConfiguration) and the
 * progress of one image's replication. The copying itself is done by
 * {@link berth.registry.content.ReplicationRunner}.
 */
final class ReplicationApi {
    private final RegistrySettings settings;
    private final Targets targets;
    private final ImageApi images;

    ReplicationApi(RegistrySettings settings, Targets targets, ImageApi images) {
        this.settings = settings;
        this.targets = targets;
        this.images = images;
    }

    DescribeRegistryResponse describeRegistry(DescribeRegistryRequest request, RequestContext ctx) {
        Scope registry = ctx.scope();
        return DescribeRegistryResponse.builder().registryId(registry.accountId())
                .replicationConfiguration(toSdk(settings.replication(registry))).build();
    }

    PutReplicationConfigurationResponse put(PutReplicationConfigurationRequest request, RequestContext ctx) {
        List<ReplicationConfiguration.Rule> rules = request.replicationConfiguration().rules().stream()
                .map(r -> new ReplicationConfiguration.Rule(
                        r.destinations().stream().map(d -> new ReplicationConfiguration.Destination(d.region(), d.registryId())).toList(),
                        r.repositoryFilters().stream().map(RepositoryFilter::filter).toList()))
                .toList();
        ReplicationConfiguration configuration;
        try {
            configuration = ReplicationConfiguration.of(ctx.scope(), rules);
        } catch (InvalidConfiguration e) {
            throw EcrErrors.of(e);
        }
        settings.saveReplication(configuration);
        return PutReplicationConfigurationResponse.builder().replicationConfiguration(toSdk(configuration)).build();
    }

    DescribeImageReplicationStatusResponse status(DescribeImageReplicationStatusRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        ImageIdentifier wanted = request.imageId();
        String digest = images.find(id, wanted).image().digest();
        List<ImageReplicationStatus> statuses = settings.imageReplication(id, digest)
                .map(r -> r.value().targets().stream().map(ReplicationApi::toSdk).toList())
                .orElse(List.of());
        return DescribeImageReplicationStatusResponse.builder().repositoryName(id.name())
                .imageId(ImageIdentifier.builder().imageDigest(digest).imageTag(wanted.imageTag()).build())
                .replicationStatuses(statuses).build();
    }

    private static ImageReplicationStatus toSdk(ImageReplication.Target target) {
        return ImageReplicationStatus.builder().region(target.region()).registryId(target.registryId())
                .status(target.status().name())
                .failureCode(target.failureCode().isEmpty() ? null : target.failureCode()).build();
    }

    private static software.amazon.awssdk.services.ecr.model.ReplicationConfiguration toSdk(ReplicationConfiguration configuration) {
        return software.amazon.awssdk.services.ecr.model.ReplicationConfiguration.builder().rules(configuration.rules().stream()
                .map(r -> {
                    var rule = ReplicationRule.builder().destinations(r.destinations().stream()
                            .map(d -> ReplicationDestination.builder().region(d.region()).registryId(d.registryId()).build()).toList());
                    if (!r.prefixes().isEmpty()) {
                        rule.repositoryFilters(r.prefixes().stream().map(p -> RepositoryFilter.builder().filter(p)
                                .filterType(RepositoryFilterType.PREFIX_MATCH).build()).toList());
                    }
                    return rule.build();
                }).toList()).build();
    }
}
