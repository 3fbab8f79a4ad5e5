package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;

import java.util.List;
import java.util.Map;

/** A user's inline policies (Put/Get/Delete/ListUserPolicies) and attached managed policies (Attach/Detach/ListAttached). */
final class UserPolicyApi {
    private final IamRecords iam;
    private final UserApi users;

    UserPolicyApi(IamRecords iam, UserApi users) {
        this.iam = iam;
        this.users = users;
    }

    PutUserPolicyResponse put(PutUserPolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            Map<String, String> policies = PolicyAttachments.putInline(user.value().inlinePolicies(), request.policyName(),
                    request.policyDocument(), PolicyDocuments.USER_INLINE_TOTAL_MAX, "user", user.value().name());
            iam.putUser(user.value().withInlinePolicies(policies), user.version(), user.value().accessKeys());
            return user;
        });
        return PutUserPolicyResponse.builder().build();
    }

    GetUserPolicyResponse get(GetUserPolicyRequest request, RequestContext ctx) {
        User user = users.find(ctx.accountId(), request.userName()).value();
        Map.Entry<String, String> policy = PolicyAttachments.inline(user.inlinePolicies(), request.policyName(), "user");
        return GetUserPolicyResponse.builder().userName(user.name()).policyName(policy.getKey())
                .policyDocument(PolicyDocuments.encode(policy.getValue())).build();
    }

    DeleteUserPolicyResponse delete(DeleteUserPolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            Map<String, String> policies = PolicyAttachments.deleteInline(user.value().inlinePolicies(), request.policyName(),
                    "user");
            iam.putUser(user.value().withInlinePolicies(policies), user.version(), user.value().accessKeys());
            return user;
        });
        return DeleteUserPolicyResponse.builder().build();
    }

    ListUserPoliciesResponse list(ListUserPoliciesRequest request, RequestContext ctx) {
        User user = users.find(ctx.accountId(), request.userName()).value();
        IamPage<String> page = IamPage.of(List.copyOf(user.inlinePolicies().keySet()), request.marker(), request.maxItems(),
                name -> name);
        return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    AttachUserPolicyResponse attach(AttachUserPolicyRequest request, RequestContext ctx) {
        ManagedPolicy policy = PolicyAttachments.attachable(iam, ctx.accountId(), request.policyArn());
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            List<String> attached = PolicyAttachments.attach(user.value().attachedPolicyArns(), policy.arn(), "PoliciesPerUser");
            if (attached != user.value().attachedPolicyArns()) {
                iam.putUser(user.value().withAttachedPolicies(attached), user.version(), user.value().accessKeys());
            }
            return user;
        });
        return AttachUserPolicyResponse.builder().build();
    }

    DetachUserPolicyResponse detach(DetachUserPolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            List<String> attached = PolicyAttachments.detach(user.value().attachedPolicyArns(), request.policyArn());
            iam.putUser(user.value().withAttachedPolicies(attached), user.version(), user.value().accessKeys());
            return user;
        });
        return DetachUserPolicyResponse.builder().build();
    }

    ListAttachedUserPoliciesResponse listAttached(ListAttachedUserPoliciesRequest request, RequestContext ctx) {
        User user = users.find(ctx.accountId(), request.userName()).value();
        List<ManagedPolicy> policies = PolicyAttachments.resolve(iam, user.attachedPolicyArns(), request.pathPrefix());
        IamPage<ManagedPolicy> page = IamPage.of(policies, request.marker(), request.maxItems(), ManagedPolicy::arn);
        return ListAttachedUserPoliciesResponse.builder()
                .attachedPolicies(page.items().stream().map(IamShapes::attached).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker().orElse(null)).build();
    }
}
