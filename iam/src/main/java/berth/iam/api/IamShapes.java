package berth.iam.api;

import berth.iam.core.InstanceProfile;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.Role;
import berth.iam.core.User;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** IAM entities as the SDK model shapes them on the wire. */
final class IamShapes {
    private IamShapes() {}

    static software.amazon.awssdk.services.iam.model.Role role(Role role, boolean detailed) {
        var builder = software.amazon.awssdk.services.iam.model.Role.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.roleId())
                .arn(role.arn())
                .createDate(role.createDate())
                .assumeRolePolicyDocument(PolicyDocuments.encode(role.trustPolicy()))
                .maxSessionDuration(role.maxSessionDurationSeconds());
        if (!role.description().isEmpty()) {
            builder.description(role.description());
        }
        if (detailed && !role.tags().isEmpty()) {
            builder.tags(tags(role.tags()));
        }
        if (detailed && role.bounded()) {
            builder.permissionsBoundary(boundary(role.permissionsBoundaryArn()));
        }
        return builder.build();
    }

    /** A role as an instance profile lists it: without tags, description or boundary, as IAM shows it there. */
    static software.amazon.awssdk.services.iam.model.Role profileRole(Role role) {
        return software.amazon.awssdk.services.iam.model.Role.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.roleId())
                .arn(role.arn())
                .createDate(role.createDate())
                .assumeRolePolicyDocument(PolicyDocuments.encode(role.trustPolicy()))
                .build();
    }

    /** @param roles the roles it holds, resolved */
    static software.amazon.awssdk.services.iam.model.InstanceProfile instanceProfile(InstanceProfile profile,
                                                                                     List<Role> roles, boolean detailed) {
        var builder = software.amazon.awssdk.services.iam.model.InstanceProfile.builder()
                .path(profile.path())
                .instanceProfileName(profile.name())
                .instanceProfileId(profile.instanceProfileId())
                .arn(profile.arn())
                .createDate(profile.createDate())
                .roles(roles.stream().map(IamShapes::profileRole).toList());
        if (detailed && !profile.tags().isEmpty()) {
            builder.tags(tags(profile.tags()));
        }
        return builder.build();
    }

    static AttachedPermissionsBoundary boundary(String policyArn) {
        return AttachedPermissionsBoundary.builder()
                .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                .permissionsBoundaryArn(policyArn)
                .build();
    }

    static software.amazon.awssdk.services.iam.model.User user(User user, boolean detailed) {
        var builder = software.amazon.awssdk.services.iam.model.User.builder()
                .path(user.path())
                .userName(user.name())
                .userId(user.userId())
                .arn(user.arn())
                .createDate(user.createDate());
        if (detailed && !user.tags().isEmpty()) {
            builder.tags(tags(user.tags()));
        }
        if (detailed && user.bounded()) {
            builder.permissionsBoundary(boundary(user.permissionsBoundaryArn()));
        }
        return builder.build();
    }

    static Policy policy(ManagedPolicy policy, PolicyUsage usage, boolean detailed) {
        var builder = Policy.builder()
                .policyName(policy.name())
                .policyId(policy.policyId())
                .arn(policy.arn())
                .path(policy.path())
                .defaultVersionId(policy.defaultVersionId())
                .attachmentCount(usage.attachments(policy.arn()))
                .permissionsBoundaryUsageCount(usage.boundaryUses(policy.arn()))
                .isAttachable(true)
                .createDate(policy.createDate())
                .updateDate(policy.updateDate());
        if (detailed) {
            if (!policy.description().isEmpty()) {
                builder.description(policy.description());
            }
            if (!policy.tags().isEmpty()) {
                builder.tags(tags(policy.tags()));
            }
        }
        return builder.build();
    }

    static AttachedPolicy attached(ManagedPolicy policy) {
        return AttachedPolicy.builder().policyName(policy.name()).policyArn(policy.arn()).build();
    }

    static AccessKeyMetadata accessKey(User user, User.AccessKey key) {
        return AccessKeyMetadata.builder()
                .userName(user.name())
                .accessKeyId(key.accessKeyId())
                .status(key.active() ? StatusType.ACTIVE : StatusType.INACTIVE)
                .createDate(key.createDate())
                .build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Tags in key order, as the List…Tags operations page through them. */
    static List<Tag> sortedTags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Tags from a request; a key given twice is refused, as IAM does. */
    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(java.util.Locale.ROOT))) {
                throw IamErrors.INVALID_INPUT.exception("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            out.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        return out;
    }
}
