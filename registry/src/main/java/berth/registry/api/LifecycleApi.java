package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.paging.Page;
import berth.registry.content.LifecycleRunner;
import berth.registry.core.LifecycleEvaluation;
import berth.registry.core.LifecyclePolicy;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.state.LifecyclePreview;
import berth.registry.state.RegistryRecords;
import berth.store.VersionConflict;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewSummary;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyRuleAction;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Lifecycle policies and their previews. The policies themselves are applied by {@link LifecycleRunner}. */
final class LifecycleApi {
    private final RegistryRecords records;
    private final Targets targets;
    private final LifecycleRunner runner;
    private final Clock clock;

    LifecycleApi(RegistryRecords records, Targets targets, LifecycleRunner runner, Clock clock) {
        this.records = records;
        this.targets = targets;
        this.runner = runner;
        this.clock = clock;
    }

    PutLifecyclePolicyResponse put(PutLifecyclePolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        parse(request.lifecyclePolicyText());
        Instant now = clock.instant();
        update(id, r -> r.withLifecyclePolicy(request.lifecyclePolicyText(), now));
        return PutLifecyclePolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .lifecyclePolicyText(request.lifecyclePolicyText()).build();
    }

    GetLifecyclePolicyResponse get(GetLifecyclePolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        Repository repository = find(id);
        if (repository.lifecyclePolicyText().isEmpty()) throw EcrErrors.lifecyclePolicyNotFound(id);
        return GetLifecyclePolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .lifecyclePolicyText(repository.lifecyclePolicyText())
                .lastEvaluatedAt(runner.lastEvaluated(id).orElse(repository.lifecycleUpdatedAt())).build();
    }

    DeleteLifecyclePolicyResponse delete(DeleteLifecyclePolicyRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        Repository[] previous = new Repository[1];
        update(id, r -> {
            if (r.lifecyclePolicyText().isEmpty()) throw EcrErrors.lifecyclePolicyNotFound(id);
            previous[0] = r;
            return r.withLifecyclePolicy("", clock.instant());
        });
        return DeleteLifecyclePolicyResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .lifecyclePolicyText(previous[0].lifecyclePolicyText())
                .lastEvaluatedAt(runner.lastEvaluated(id).orElse(previous[0].lifecycleUpdatedAt())).build();
    }

    StartLifecyclePolicyPreviewResponse startPreview(StartLifecyclePolicyPreviewRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        Repository repository = find(id);
        String text = request.lifecyclePolicyText() != null ? request.lifecyclePolicyText() : repository.lifecyclePolicyText();
        if (text.isEmpty()) throw EcrErrors.lifecyclePolicyNotFound(id);
        List<LifecycleEvaluation.Expiry> expiring = runner.preview(id, parse(text));
        LifecyclePreview preview = new LifecyclePreview(text, "COMPLETE", clock.instant(), expiring.stream()
                .map(e -> new LifecyclePreview.Result(e.image().digest(), e.image().tags(), e.image().pushedAt(), e.rulePriority()))
                .toList());
        records.store().commit(List.of(records.putPreview(id, preview)));
        return StartLifecyclePolicyPreviewResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .lifecyclePolicyText(text).status(preview.status()).build();
    }

    GetLifecyclePolicyPreviewResponse getPreview(GetLifecyclePolicyPreviewRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        find(id);
        LifecyclePreview preview = records.preview(id).orElseThrow(() -> EcrErrors.LIFECYCLE_POLICY_PREVIEW_NOT_FOUND.exception(
                "There is no lifecycle policy preview for the repository with name '" + id.name()
                        + "' in the registry with id '" + id.accountId() + "'"));
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY : request.filter().tagStatus();
        Set<String> digests = Set.copyOf(request.imageIds().stream().filter(i -> i.imageDigest() != null).map(i -> i.imageDigest()).toList());
        Set<String> tags = Set.copyOf(request.imageIds().stream().filter(i -> i.imageTag() != null).map(i -> i.imageTag()).toList());
        List<LifecyclePreview.Result> chosen = preview.results().stream()
                .filter(r -> status == TagStatus.ANY || (status == TagStatus.TAGGED) != r.tags().isEmpty())
                .filter(r -> request.imageIds().isEmpty() || digests.contains(r.digest()) || r.tags().stream().anyMatch(tags::contains))
                .sorted(java.util.Comparator.comparing(LifecyclePreview.Result::digest))
                .toList();
        Page<LifecyclePreview.Result> page = Page.of(chosen, request.nextToken(), request.maxResults(), 100, 100,
                LifecyclePreview.Result::digest);
        return GetLifecyclePolicyPreviewResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                .lifecyclePolicyText(preview.policyText()).status(preview.status())
                .previewResults(page.items().stream().map(LifecycleApi::toSdk).toList())
                .summary(LifecyclePolicyPreviewSummary.builder().expiringImageTotalCount(preview.results().size()).build())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private static LifecyclePolicyPreviewResult toSdk(LifecyclePreview.Result result) {
        var builder = LifecyclePolicyPreviewResult.builder()
                .imageDigest(result.digest()).imagePushedAt(result.pushedAt())
                .action(LifecyclePolicyRuleAction.builder().type(ImageActionType.EXPIRE).build())
                .appliedRulePriority(result.rulePriority());
        if (!result.tags().isEmpty()) builder.imageTags(result.tags());
        return builder.build();
    }

    private static LifecyclePolicy parse(String text) {
        try {
            return LifecyclePolicy.parse(text);
        } catch (LifecyclePolicy.InvalidPolicy e) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: '"
                    + e.getMessage() + "'");
        }
    }

    private Repository find(RepositoryId id) {
        return records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id)).value();
    }

    private void update(RepositoryId id, UnaryOperator<Repository> change) {
        for (int attempt = 1; ; attempt++) {
            var current = records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id));
            try {
                records.store().commit(List.of(records.putRepository(change.apply(current.value()), current.version())));
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= 8) throw conflict;
            }
        }
    }
}
