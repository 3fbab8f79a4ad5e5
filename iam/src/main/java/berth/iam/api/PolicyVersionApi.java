package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.ManagedPolicy;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The versions of a managed policy: GetPolicyVersion, ListPolicyVersions, CreatePolicyVersion,
 * DeletePolicyVersion, SetDefaultPolicyVersion. At most {@link ManagedPolicy#MAX_VERSIONS} versions;
 * the default one, which policy evaluation reads, cannot be deleted.
 */
final class PolicyVersionApi {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyVersionApi.class);

    private final IamRecords iam;
    private final PolicyApi policies;
    private final Clock clock;

    PolicyVersionApi(IamRecords iam, PolicyApi policies, Clock clock) {
        this.iam = iam;
        this.policies = policies;
        this.clock = clock;
    }

    GetPolicyVersionResponse get(GetPolicyVersionRequest request, RequestContext ctx) {
        ManagedPolicy policy = policies.find(request.policyArn(), ctx);
        ManagedPolicy.Version version = version(policy, request.versionId());
        return GetPolicyVersionResponse.builder().policyVersion(shaped(policy, version, true)).build();
    }

    ListPolicyVersionsResponse list(ListPolicyVersionsRequest request, RequestContext ctx) {
        ManagedPolicy policy = policies.find(request.policyArn(), ctx);
        IamPage<ManagedPolicy.Version> page = IamPage.of(policy.versions(), request.marker(), request.maxItems(),
                v -> String.format("%010d", v.number()));
        return ListPolicyVersionsResponse.builder()
                .versions(page.items().stream().map(v -> shaped(policy, v, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    CreatePolicyVersionResponse create(CreatePolicyVersionRequest request, RequestContext ctx) {
        policies.own(request.policyArn(), ctx, "modify");
        PolicyApi.validateDocument(request.policyDocument());
        boolean asDefault = Boolean.TRUE.equals(request.setAsDefault());
        ManagedPolicy updated = Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = policies.own(request.policyArn(), ctx, "modify");
            if (policy.value().versions().size() >= ManagedPolicy.MAX_VERSIONS) {
                throw IamErrors.LIMIT_EXCEEDED.exception("A managed policy can have up to " + ManagedPolicy.MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            ManagedPolicy next = policy.value().withNewVersion(request.policyDocument(), clock.instant(), asDefault);
            iam.putPolicy(next, policy.version());
            return next;
        });
        ManagedPolicy.Version created = updated.versions().get(updated.versions().size() - 1);
        LOG.info("created version {} of policy {}{}", created.versionId(), updated.arn(), asDefault ? " (default)" : "");
        return CreatePolicyVersionResponse.builder().policyVersion(shaped(updated, created, false)).build();
    }

    DeletePolicyVersionResponse delete(DeletePolicyVersionRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = policies.own(request.policyArn(), ctx, "modify");
            ManagedPolicy.Version version = version(policy.value(), request.versionId());
            if (version.versionId().equals(policy.value().defaultVersionId())) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete the default version of a policy.");
            }
            iam.putPolicy(policy.value().withoutVersion(version.versionId()), policy.version());
            return policy;
        });
        LOG.info("deleted version {} of policy {}", request.versionId(), request.policyArn());
        return DeletePolicyVersionResponse.builder().build();
    }

    SetDefaultPolicyVersionResponse setDefault(SetDefaultPolicyVersionRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = policies.own(request.policyArn(), ctx, "modify");
            ManagedPolicy.Version version = version(policy.value(), request.versionId());
            iam.putPolicy(policy.value().withDefaultVersion(version.versionId()), policy.version());
            return policy;
        });
        LOG.info("version {} of policy {} is now the default", request.versionId(), request.policyArn());
        return SetDefaultPolicyVersionResponse.builder().build();
    }

    private static ManagedPolicy.Version version(ManagedPolicy policy, String versionId) {
        return policy.version(versionId).orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception(
                "Policy " + policy.arn() + " version " + versionId + " does not exist or is not attachable."));
    }

    private static PolicyVersion shaped(ManagedPolicy policy, ManagedPolicy.Version version, boolean withDocument) {
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
