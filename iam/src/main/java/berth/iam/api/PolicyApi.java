package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.AwsManagedPolicies;
import berth.iam.core.IamIds;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.PolicyParser;
import berth.iam.state.IamRecords;
import berth.iam.state.Versioned;
import berth.store.Store;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Managed policies: CreatePolicy, GetPolicy, GetPolicyVersion, ListPolicyVersions, DeletePolicy, ListPolicies. */
final class PolicyApi {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyApi.class);
    private static final String POLICY_PATH = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    private static final Pattern POLICY_PATH_PATTERN = Pattern.compile(POLICY_PATH);

    private final IamRecords iam;
    private final IamIds ids;
    private final Clock clock;

    PolicyApi(IamRecords iam, IamIds ids, Clock clock) {
        this.iam = iam;
        this.ids = ids;
        this.clock = clock;
    }

    CreatePolicyResponse create(CreatePolicyRequest request, RequestContext ctx) {
        String name = IamErrors.requireName(request.policyName(), "policyName");
        String path = request.path() == null ? "/"
                : IamErrors.requirePattern(request.path(), POLICY_PATH_PATTERN, POLICY_PATH, "path");
        PolicyDocuments.validate(request.policyDocument(), PolicyParser.Kind.IDENTITY);
        if (PolicyDocuments.size(request.policyDocument()) > PolicyDocuments.MANAGED_POLICY_MAX) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PolicySize: " + PolicyDocuments.MANAGED_POLICY_MAX);
        }
        Instant now = clock.instant();
        ManagedPolicy policy = new ManagedPolicy(ctx.accountId(), name, path, ids.policyId(),
                request.description() == null ? "" : request.description(), now, now, "v1",
                List.of(new ManagedPolicy.Version("v1", request.policyDocument(), now)), IamShapes.tags(request.tags()));
        Conflicts.retry(() -> {
            if (iam.policy(ctx.accountId(), name).isPresent()) {
                throw IamErrors.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            iam.putPolicy(policy, Store.ABSENT);
            return policy;
        });
        LOG.info("created policy {} ({})", policy.arn(), policy.policyId());
        return CreatePolicyResponse.builder().policy(IamShapes.policy(policy, PolicyUsage.of(iam, ctx.accountId()), false)
                .toBuilder().tags(policy.tags().isEmpty() ? null : IamShapes.tags(policy.tags())).build()).build();
    }

    GetPolicyResponse get(GetPolicyRequest request, RequestContext ctx) {
        ManagedPolicy policy = find(request.policyArn(), ctx);
        return GetPolicyResponse.builder()
                .policy(IamShapes.policy(policy, PolicyUsage.of(iam, ctx.accountId()), true))
                .build();
    }

    GetPolicyVersionResponse getVersion(GetPolicyVersionRequest request, RequestContext ctx) {
        ManagedPolicy policy = find(request.policyArn(), ctx);
        ManagedPolicy.Version version = policy.version(request.versionId()).orElseThrow(() -> IamErrors.noSuchEntity(
                "Policy " + policy.arn() + " version " + request.versionId() + " does not exist or is not attachable."));
        return GetPolicyVersionResponse.builder().policyVersion(version(policy, version, true)).build();
    }

    ListPolicyVersionsResponse listVersions(ListPolicyVersionsRequest request, RequestContext ctx) {
        ManagedPolicy policy = find(request.policyArn(), ctx);
        IamPage<ManagedPolicy.Version> page = IamPage.of(policy.versions(), request.marker(), request.maxItems(),
                ManagedPolicy.Version::versionId);
        return ListPolicyVersionsResponse.builder()
                .versions(page.items().stream().map(v -> version(policy, v, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    DeletePolicyResponse delete(DeletePolicyRequest request, RequestContext ctx) {
        ManagedPolicy found = find(request.policyArn(), ctx);
        if (found.awsManaged()) {
            throw IamErrors.invalidInput("Cannot delete policies outside your own account.");
        }
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = iam.policy(ctx.accountId(), found.name())
                    .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + request.policyArn() + " was not found."));
            if (PolicyUsage.of(iam, ctx.accountId()).used(policy.value().arn())) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            iam.deletePolicy(policy.value(), policy.version());
            return policy;
        });
        LOG.info("deleted policy {}", found.arn());
        return DeletePolicyResponse.builder().build();
    }

    ListPoliciesResponse list(ListPoliciesRequest request, RequestContext ctx) {
        PolicyScopeType scope = request.scope() == null ? PolicyScopeType.ALL : request.scope();
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        boolean onlyAttached = Boolean.TRUE.equals(request.onlyAttached());
        boolean boundaries = request.policyUsageFilter() == PolicyUsageType.PERMISSIONS_BOUNDARY;
        PolicyUsage usage = PolicyUsage.of(iam, ctx.accountId());
        List<ManagedPolicy> policies = new ArrayList<>();
        if (scope != PolicyScopeType.LOCAL) {
            policies.addAll(AwsManagedPolicies.all());
        }
        if (scope != PolicyScopeType.AWS) {
            policies.addAll(iam.policies(ctx.accountId()));
        }
        List<ManagedPolicy> selected = policies.stream()
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> !boundaries || usage.boundaryUses(p.arn()) > 0)
                .filter(p -> !onlyAttached || (boundaries ? usage.boundaryUses(p.arn()) : usage.attachments(p.arn())) > 0)
                .sorted(Comparator.comparing(ManagedPolicy::arn))
                .toList();
        IamPage<ManagedPolicy> page = IamPage.of(selected, request.marker(), request.maxItems(), ManagedPolicy::arn);
        return ListPoliciesResponse.builder()
                .policies(page.items().stream().map(p -> IamShapes.policy(p, usage, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    /** An AWS managed policy, or a customer managed policy of the caller's account. */
    private ManagedPolicy find(String arn, RequestContext ctx) {
        return iam.managedPolicy(arn)
                .filter(p -> p.awsManaged() || p.accountId().equals(ctx.accountId()))
                .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
    }

    private static PolicyVersion version(ManagedPolicy policy, ManagedPolicy.Version version, boolean withDocument) {
        var builder = PolicyVersion.builder()
                .versionId(version.versionId())
                .isDefaultVersion(version.versionId().equals(policy.defaultVersionId()))
                .createDate(version.createDate());
        if (withDocument) {
            builder.document(PolicyDocuments.encode(version.document()));
        }
        return builder.build();
    }
}
