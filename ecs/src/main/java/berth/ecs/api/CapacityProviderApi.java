package berth.ecs.api;

import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import berth.ecs.core.CapacityProvider;
import berth.ecs.core.CapacityProvider.AutoScalingGroupProvider;
import berth.ecs.core.CapacityProvider.ManagedScaling;
import berth.ecs.core.Cluster;
import berth.ecs.core.EcsArns;
import berth.ecs.state.CapacityProviderRecords;
import berth.ecs.state.ClusterRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProviderUpdate;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderResponse;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderResponse;

/**
 * CreateCapacityProvider, DescribeCapacityProviders, UpdateCapacityProvider, DeleteCapacityProvider,
 * and tags on capacity providers. FARGATE and FARGATE_SPOT are described in every account and region
 * and cannot be created, changed or deleted.
 */
final class CapacityProviderApi {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityProviderApi.class);
    private static final int MAX_DESCRIBE = 100;

    private final CapacityProviderRecords providers;
    private final ClusterRecords clusters;

    CapacityProviderApi(Store store) {
        this.providers = new CapacityProviderRecords(store);
        this.clusters = new ClusterRecords(store);
    }

    CreateCapacityProviderResponse create(CreateCapacityProviderRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = request.name();
        if (!CapacityProvider.validName(name)) {
            throw EcsErrors.INVALID_PARAMETER.exception("The specified capacity provider name is invalid. Up to 255"
                    + " characters are allowed, including letters (upper and lowercase), numbers, underscores, and"
                    + " hyphens. The name cannot be prefixed with \"aws\", \"ecs\", or \"fargate\".");
        }
        var asg = request.autoScalingGroupProvider();
        String group = text(asg.autoScalingGroupArn());
        if (group.isEmpty()) {
            throw EcsErrors.INVALID_PARAMETER.exception("The Auto Scaling group ARN or name must be specified.");
        }
        ManagedScaling scaling = CapacityProviderMapping.scaling(asg.managedScaling(), ManagedScaling.DEFAULT);
        AutoScalingGroupProvider provider = new AutoScalingGroupProvider(group, scaling,
                asg.managedTerminationProtection() == null ? "DISABLED" : asg.managedTerminationProtectionAsString(),
                asg.managedDraining() == null ? "ENABLED" : asg.managedDrainingAsString());
        CapacityProviderMapping.check(provider);
        if (providers.find(scope, name).isPresent()) {
            throw EcsErrors.CLIENT.exception("The specified capacity provider already exists. To change the"
                    + " configuration of an existing capacity provider, update the capacity provider.");
        }
        if (providers.list(scope).stream()
                .anyMatch(p -> p.autoScalingGroup().autoScalingGroupArn().equals(group))) {
            throw EcsErrors.CLIENT.exception("The specified Auto Scaling group is already associated with another"
                    + " capacity provider.");
        }
        Map<String, String> tags = TagMapping.checked(request.tags());
        CapacityProvider created = new CapacityProvider(scope.accountId(), scope.region(), name, CapacityProvider.ACTIVE,
                provider, "", tags);
        try {
            providers.save(created, Store.ABSENT);
        } catch (VersionConflict raced) {
            throw EcsErrors.CLIENT.exception("The specified capacity provider already exists.");
        }
        LOG.info("created capacity provider {}", created.arn());
        return CreateCapacityProviderResponse.builder().capacityProvider(CapacityProviderMapping.toSdk(created, true))
                .build();
    }

    DescribeCapacityProvidersResponse describe(DescribeCapacityProvidersRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        boolean withTags = request.include().contains(CapacityProviderField.TAGS);
        if (!request.capacityProviders().isEmpty()) {
            if (request.capacityProviders().size() > MAX_DESCRIBE) {
                throw EcsErrors.INVALID_PARAMETER.exception("capacityProviders can have at most " + MAX_DESCRIBE
                        + " items.");
            }
            List<software.amazon.awssdk.services.ecs.model.CapacityProvider> found = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String reference : request.capacityProviders()) {
                String name = EcsArns.capacityProviderName(reference);
                Optional<CapacityProvider> provider = find(scope, name);
                if (provider.isPresent()) {
                    found.add(CapacityProviderMapping.toSdk(provider.get(), withTags));
                } else {
                    failures.add(Failure.builder().arn(EcsArns.capacityProvider(scope, name))
                            .reason("MISSING").build());
                }
            }
            return DescribeCapacityProvidersResponse.builder().capacityProviders(found).failures(failures).build();
        }
        List<CapacityProvider> all = new ArrayList<>(List.of(fargate(scope, CapacityProvider.FARGATE),
                fargate(scope, CapacityProvider.FARGATE_SPOT)));
        all.addAll(providers.list(scope));
        Page<CapacityProvider> page = Page.of(all, request.nextToken(), request.maxResults(), 10, 10,
                CapacityProvider::name);
        return DescribeCapacityProvidersResponse.builder()
                .capacityProviders(page.items().stream().map(p -> CapacityProviderMapping.toSdk(p, withTags)).toList())
                .failures(List.of()).nextToken(page.nextToken().orElse(null)).build();
    }

    UpdateCapacityProviderResponse update(UpdateCapacityProviderRequest request, RequestContext ctx) {
        String name = EcsArns.capacityProviderName(request.name());
        refuseFargate(name, "updated");
        AutoScalingGroupProviderUpdate change = request.autoScalingGroupProvider();
        CapacityProvider updated = providers.update(ctx.scope(), name, p -> {
            AutoScalingGroupProvider current = p.autoScalingGroup();
            AutoScalingGroupProvider next = new AutoScalingGroupProvider(current.autoScalingGroupArn(),
                    CapacityProviderMapping.scaling(change.managedScaling(), current.managedScaling()),
                    change.managedTerminationProtection() == null ? current.managedTerminationProtection()
                            : change.managedTerminationProtectionAsString(),
                    change.managedDraining() == null ? current.managedDraining() : change.managedDrainingAsString());
            CapacityProviderMapping.check(next);
            return new CapacityProvider(p.accountId(), p.region(), p.name(), p.status(), next, "UPDATE_COMPLETE",
                    p.tags());
        }).orElseThrow(() -> notFound(name));
        return UpdateCapacityProviderResponse.builder().capacityProvider(CapacityProviderMapping.toSdk(updated, false))
                .build();
    }

    DeleteCapacityProviderResponse delete(DeleteCapacityProviderRequest request, RequestContext ctx) {
        String name = EcsArns.capacityProviderName(request.capacityProvider());
        refuseFargate(name, "deleted");
        Scope scope = ctx.scope();
        var found = providers.find(scope, name).orElseThrow(() -> notFound(name));
        boolean associated = clusters.list(scope).stream()
                .anyMatch(c -> c.active() && c.capacityProviders().contains(name));
        if (associated) {
            throw EcsErrors.CLIENT.exception("The specified capacity provider is in use and cannot be removed."
                    + " Disassociate it from every cluster before deleting it.");
        }
        providers.delete(found.value(), found.version());
        LOG.info("deleted capacity provider {}", found.value().arn());
        CapacityProvider gone = new CapacityProvider(scope.accountId(), scope.region(), name, "INACTIVE",
                found.value().autoScalingGroup(), "DELETE_COMPLETE", found.value().tags());
        return DeleteCapacityProviderResponse.builder().capacityProvider(CapacityProviderMapping.toSdk(gone, false))
                .build();
    }

    /** Whether {@code name} is a provider of {@code scope} (FARGATE and FARGATE_SPOT always are). */
    boolean exists(Scope scope, String name) {
        return find(scope, name).isPresent();
    }

    private Optional<CapacityProvider> find(Scope scope, String name) {
        if (CapacityProvider.fargate(name)) {
            return Optional.of(fargate(scope, name));
        }
        return providers.find(scope, name).map(v -> v.value());
    }

    private static CapacityProvider fargate(Scope scope, String name) {
        return new CapacityProvider(scope.accountId(), scope.region(), name, CapacityProvider.ACTIVE, null, "",
                Map.of());
    }

    private static void refuseFargate(String name, String verb) {
        if (CapacityProvider.fargate(name)) {
            throw EcsErrors.CLIENT.exception("The " + name + " capacity provider is reserved and cannot be " + verb
                    + ".");
        }
    }

    private static AwsException notFound(String name) {
        return EcsErrors.CLIENT.exception("The specified capacity provider does not exist. Specify a valid name or ARN"
                + " and try again.");
    }

    /** Tags of created capacity providers for TagResource and friends: ARNs {@code capacity-provider/NAME}. */
    TaggableResources.TaggableKind taggable() {
        return new TaggableResources.TaggableKind() {
            @Override
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                return providers.find(scope, arn.resourceName()).map(v -> v.value().tags());
            }

            @Override
            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                return providers.update(scope, arn.resourceName(), p -> new CapacityProvider(p.accountId(),
                        p.region(), p.name(), p.status(), p.autoScalingGroup(), p.updateStatus(),
                        change.apply(p.tags()))).isPresent();
            }
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
