package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.arn.Arn;
import berth.registry.core.InvalidPolicy;
import berth.registry.core.Names;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import berth.registry.core.TagMutability;
import berth.registry.state.RegistryRecords;
import berth.store.VersionConflict;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceResponse;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Settings of a repository: tag mutability, scanning, repository policy, resource tags. */
final class RepositorySettingsApi {
    private final RegistryRecords records;
    private final Targets targets;

    RepositorySettingsApi(RegistryRecords records, Targets targets) {
        this.records = records;
        this.targets = targets;
    }

    PutImageTagMutabilityResponse putTagMutability(PutImageTagMutabilityRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        TagMutability mutability = RepositoryApi.mutability(request.imageTagMutabilityAsString(),
                request.imageTagMutabilityExclusionFilters());
        update(id, r -> r.withTagMutability(mutability));
        var response = PutImageTagMutabilityResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .imageTagMutability(mutability.mode());
        if (!mutability.exclusions().isEmpty()) {
            response.imageTagMutabilityExclusionFilters(RepositoryApi.exclusionFilters(mutability));
        }
        return response.build();
    }

    PutImageScanningConfigurationResponse putScanning(PutImageScanningConfigurationRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        boolean scan = Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush());
        update(id, r -> r.withScanOnPush(scan));
        return PutImageScanningConfigurationResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(scan).build()).build();
    }

    SetRepositoryPolicyResponse setPolicy(SetRepositoryPolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        try {
            RepositoryPolicy.parse(request.policyText());
        } catch (InvalidPolicy e) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'PolicyText' failed to satisfy constraint: '" + e.getMessage() + "'");
        }
        update(id, r -> r.withPolicy(request.policyText()));
        return SetRepositoryPolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .policyText(request.policyText()).build();
    }

    GetRepositoryPolicyResponse getPolicy(GetRepositoryPolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        Repository repository = find(id);
        if (repository.policyText().isEmpty()) throw EcrErrors.repositoryPolicyNotFound(id);
        return GetRepositoryPolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .policyText(repository.policyText()).build();
    }

    DeleteRepositoryPolicyResponse deletePolicy(DeleteRepositoryPolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        String[] previous = {""};
        update(id, r -> {
            if (r.policyText().isEmpty()) throw EcrErrors.repositoryPolicyNotFound(id);
            previous[0] = r.policyText();
            return r.withPolicy("");
        });
        return DeleteRepositoryPolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .policyText(previous[0]).build();
    }

    TagResourceResponse tag(TagResourceRequest request, RequestContext ctx) {
        RepositoryId id = resource(request.resourceArn(), ctx);
        request.tags().forEach(ResourceTags::check);
        update(id, r -> {
            Map<String, String> tags = new LinkedHashMap<>(r.tags());
            request.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
            if (tags.size() > ResourceTags.MAX_TAGS) throw EcrErrors.tooManyTags();
            return r.withTags(tags);
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest request, RequestContext ctx) {
        RepositoryId id = resource(request.resourceArn(), ctx);
        update(id, r -> {
            Map<String, String> tags = new LinkedHashMap<>(r.tags());
            request.tagKeys().forEach(tags::remove);
            return r.withTags(tags);
        });
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTags(ListTagsForResourceRequest request, RequestContext ctx) {
        RepositoryId id = resource(request.resourceArn(), ctx);
        return ListTagsForResourceResponse.builder().tags(ResourceTags.toSdk(find(id).tags())).build();
    }

    private RepositoryId resource(String arnText, RequestContext ctx) {
        Arn arn = Arn.parse(arnText)
                .filter(a -> a.service().equals("ecr") && a.resourceType().equals("repository"))
                .filter(a -> Names.validRepository(a.resourceName()) && a.accountId().matches("[0-9]{12}"))
                .orElseThrow(() -> EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'"));
        if (!arn.region().equals(ctx.scope().region())) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'resourceArn': the ARN names region " + arn.region()
                    + ", the request was made in " + ctx.scope().region());
        }
        return targets.repository(ctx, arn.accountId(), arn.resourceName());
    }

    private Repository find(RepositoryId id) {
        return records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id)).value();
    }

    private void update(RepositoryId id, UnaryOperator<Repository> change) {
        for (int attempt = 1; ; attempt++) {
            var current = records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id));
            try {
                records.store().commit(java.util.List.of(records.putRepository(change.apply(current.value()), current.version())));
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= 8) throw conflict;
            }
        }
    }
}
