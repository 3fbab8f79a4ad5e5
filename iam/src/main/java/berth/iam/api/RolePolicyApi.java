package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.Role;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;

import java.util.List;
import java.util.Map;

/** A role's inline policies (Put/Get/Delete/ListRolePolicies) and attached managed policies (Attach/Detach/ListAttached). */
final class RolePolicyApi {
    private final IamRecords iam;
    private final RoleApi roles;

    RolePolicyApi(IamRecords iam, RoleApi roles) {
        this.iam = iam;
        this.roles = roles;
    }

    PutRolePolicyResponse put(PutRolePolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            Map<String, String> policies = PolicyAttachments.putInline(role.value().inlinePolicies(), request.policyName(),
                    request.policyDocument(), PolicyDocuments.ROLE_INLINE_TOTAL_MAX, "role", role.value().name());
            iam.putRole(role.value().withInlinePolicies(policies), role.version());
            return role;
        });
        return PutRolePolicyResponse.builder().build();
    }

    GetRolePolicyResponse get(GetRolePolicyRequest request, RequestContext ctx) {
        Role role = roles.find(ctx.accountId(), request.roleName()).value();
        Map.Entry<String, String> policy = PolicyAttachments.inline(role.inlinePolicies(), request.policyName(), "role");
        return GetRolePolicyResponse.builder().roleName(role.name()).policyName(policy.getKey())
                .policyDocument(PolicyDocuments.encode(policy.getValue())).build();
    }

    DeleteRolePolicyResponse delete(DeleteRolePolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            Map<String, String> policies = PolicyAttachments.deleteInline(role.value().inlinePolicies(), request.policyName(),
                    "role");
            iam.putRole(role.value().withInlinePolicies(policies), role.version());
            return role;
        });
        return DeleteRolePolicyResponse.builder().build();
    }

    ListRolePoliciesResponse list(ListRolePoliciesRequest request, RequestContext ctx) {
        Role role = roles.find(ctx.accountId(), request.roleName()).value();
        IamPage<String> page = IamPage.of(List.copyOf(role.inlinePolicies().keySet()), request.marker(), request.maxItems(),
                name -> name);
        return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    AttachRolePolicyResponse attach(AttachRolePolicyRequest request, RequestContext ctx) {
        ManagedPolicy policy = PolicyAttachments.attachable(iam, ctx.accountId(), request.policyArn());
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            List<String> attached = PolicyAttachments.attach(role.value().attachedPolicyArns(), policy.arn(), "PoliciesPerRole");
            if (attached != role.value().attachedPolicyArns()) {
                iam.putRole(role.value().withAttachedPolicies(attached), role.version());
            }
            return role;
        });
        return AttachRolePolicyResponse.builder().build();
    }

    DetachRolePolicyResponse detach(DetachRolePolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            List<String> attached = PolicyAttachments.detach(role.value().attachedPolicyArns(), request.policyArn());
            iam.putRole(role.value().withAttachedPolicies(attached), role.version());
            return role;
        });
        return DetachRolePolicyResponse.builder().build();
    }

    ListAttachedRolePoliciesResponse listAttached(ListAttachedRolePoliciesRequest request, RequestContext ctx) {
        Role role = roles.find(ctx.accountId(), request.roleName()).value();
        List<ManagedPolicy> policies = PolicyAttachments.resolve(iam, role.attachedPolicyArns(), request.pathPrefix());
        IamPage<ManagedPolicy> page = IamPage.of(policies, request.marker(), request.maxItems(), ManagedPolicy::arn);
        return ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(page.items().stream().map(IamShapes::attached).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker().orElse(null)).build();
    }
}
