package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.IamTags;
import berth.iam.core.InstanceProfile;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.Role;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.TagPolicyRequest;
import software.amazon.awssdk.services.iam.model.TagPolicyResponse;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.UntagPolicyRequest;
import software.amazon.awssdk.services.iam.model.UntagPolicyResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagUserRequest;
import software.amazon.awssdk.services.iam.model.UntagUserResponse;

import java.util.List;
import java.util.Map;

/**
 * Tag, Untag and List…Tags of roles, users, customer managed policies and instance profiles. A tag
 * replaces one whose key differs only in case; untagging a key the entity lacks is no error; at most
 * {@link IamTags#MAX_TAGS} tags each. Listings page through the tags in key order.
 */
final class TagApi {
    private final IamRecords iam;
    private final RoleApi roles;
    private final UserApi users;
    private final PolicyApi policies;
    private final InstanceProfileApi profiles;

    TagApi(IamRecords iam, RoleApi roles, UserApi users, PolicyApi policies, InstanceProfileApi profiles) {
        this.iam = iam;
        this.roles = roles;
        this.users = users;
        this.policies = policies;
        this.profiles = profiles;
    }

    TagRoleResponse tagRole(TagRoleRequest request, RequestContext ctx) {
        Map<String, String> added = IamShapes.tags(request.tags());
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            iam.putRole(role.value().withTags(tagged(role.value().tags(), added, "TagsPerRole")), role.version());
            return role;
        });
        return TagRoleResponse.builder().build();
    }

    UntagRoleResponse untagRole(UntagRoleRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            iam.putRole(role.value().withTags(IamTags.removed(role.value().tags(), request.tagKeys())), role.version());
            return role;
        });
        return UntagRoleResponse.builder().build();
    }

    ListRoleTagsResponse listRoleTags(ListRoleTagsRequest request, RequestContext ctx) {
        IamPage<Tag> page = page(roles.find(ctx.accountId(), request.roleName()).value().tags(), request.marker(),
                request.maxItems());
        return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    TagUserResponse tagUser(TagUserRequest request, RequestContext ctx) {
        Map<String, String> added = IamShapes.tags(request.tags());
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            iam.putUser(user.value().withTags(tagged(user.value().tags(), added, "TagsPerUser")), user.version(),
                    user.value().accessKeys());
            return user;
        });
        return TagUserResponse.builder().build();
    }

    UntagUserResponse untagUser(UntagUserRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            iam.putUser(user.value().withTags(IamTags.removed(user.value().tags(), request.tagKeys())), user.version(),
                    user.value().accessKeys());
            return user;
        });
        return UntagUserResponse.builder().build();
    }

    ListUserTagsResponse listUserTags(ListUserTagsRequest request, RequestContext ctx) {
        IamPage<Tag> page = page(users.find(ctx.accountId(), request.userName()).value().tags(), request.marker(),
                request.maxItems());
        return ListUserTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    TagPolicyResponse tagPolicy(TagPolicyRequest request, RequestContext ctx) {
        Map<String, String> added = IamShapes.tags(request.tags());
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = policies.own(request.policyArn(), ctx, "tag");
            iam.putPolicy(policy.value().withTags(tagged(policy.value().tags(), added, "TagsPerPolicy")), policy.version());
            return policy;
        });
        return TagPolicyResponse.builder().build();
    }

    UntagPolicyResponse untagPolicy(UntagPolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = policies.own(request.policyArn(), ctx, "untag");
            iam.putPolicy(policy.value().withTags(IamTags.removed(policy.value().tags(), request.tagKeys())),
                    policy.version());
            return policy;
        });
        return UntagPolicyResponse.builder().build();
    }

    ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest request, RequestContext ctx) {
        IamPage<Tag> page = page(policies.find(request.policyArn(), ctx).tags(), request.marker(), request.maxItems());
        return ListPolicyTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    TagInstanceProfileResponse tagInstanceProfile(TagInstanceProfileRequest request, RequestContext ctx) {
        Map<String, String> added = IamShapes.tags(request.tags());
        Conflicts.retry(() -> {
            Versioned<InstanceProfile> profile = profiles.find(ctx.accountId(), request.instanceProfileName());
            iam.putInstanceProfile(profile.value().withTags(tagged(profile.value().tags(), added,
                    "TagsPerInstanceProfile")), profile.version());
            return profile;
        });
        return TagInstanceProfileResponse.builder().build();
    }

    UntagInstanceProfileResponse untagInstanceProfile(UntagInstanceProfileRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<InstanceProfile> profile = profiles.find(ctx.accountId(), request.instanceProfileName());
            iam.putInstanceProfile(profile.value().withTags(IamTags.removed(profile.value().tags(), request.tagKeys())),
                    profile.version());
            return profile;
        });
        return UntagInstanceProfileResponse.builder().build();
    }

    ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest request, RequestContext ctx) {
        IamPage<Tag> page = page(profiles.find(ctx.accountId(), request.instanceProfileName()).value().tags(),
                request.marker(), request.maxItems());
        return ListInstanceProfileTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null)).build();
    }

    /** The tags after tagging, within the quota {@code quotaName} names. */
    private static Map<String, String> tagged(Map<String, String> current, Map<String, String> added, String quotaName) {
        Map<String, String> merged = IamTags.merged(current, added);
        if (merged.size() > IamTags.MAX_TAGS) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for " + quotaName + ": " + IamTags.MAX_TAGS);
        }
        return merged;
    }

    private static IamPage<Tag> page(Map<String, String> tags, String marker, Integer maxItems) {
        List<Tag> sorted = IamShapes.sortedTags(tags);
        return IamPage.of(sorted, marker, maxItems, Tag::key);
    }
}
