package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.Role;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permissions boundaries of roles and users: a managed policy (customer or AWS managed) whose
 * default version caps what the entity's own policies can grant.
 */
final class PermissionsBoundaryApi {
    private static final Logger LOG = LoggerFactory.getLogger(PermissionsBoundaryApi.class);

    private final IamRecords iam;
    private final RoleApi roles;
    private final UserApi users;

    PermissionsBoundaryApi(IamRecords iam, RoleApi roles, UserApi users) {
        this.iam = iam;
        this.roles = roles;
        this.users = users;
    }

    /** The boundary a request names, checked as IAM checks it; empty when it names none. */
    static String boundary(IamRecords iam, String accountId, String policyArn) {
        return policyArn == null ? "" : PolicyAttachments.attachable(iam, accountId, policyArn).arn();
    }

    PutRolePermissionsBoundaryResponse putRole(PutRolePermissionsBoundaryRequest request, RequestContext ctx) {
        String boundary = boundary(iam, ctx.accountId(), request.permissionsBoundary());
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            iam.putRole(role.value().withPermissionsBoundary(boundary), role.version());
            return role;
        });
        LOG.info("role {} of account {} is bounded by {}", request.roleName(), ctx.accountId(), boundary);
        return PutRolePermissionsBoundaryResponse.builder().build();
    }

    DeleteRolePermissionsBoundaryResponse deleteRole(DeleteRolePermissionsBoundaryRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            iam.putRole(role.value().withPermissionsBoundary(""), role.version());
            return role;
        });
        LOG.info("role {} of account {} has no permissions boundary", request.roleName(), ctx.accountId());
        return DeleteRolePermissionsBoundaryResponse.builder().build();
    }

    PutUserPermissionsBoundaryResponse putUser(PutUserPermissionsBoundaryRequest request, RequestContext ctx) {
        String boundary = boundary(iam, ctx.accountId(), request.permissionsBoundary());
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            iam.putUser(user.value().withPermissionsBoundary(boundary), user.version(), user.value().accessKeys());
            return user;
        });
        LOG.info("user {} of account {} is bounded by {}", request.userName(), ctx.accountId(), boundary);
        return PutUserPermissionsBoundaryResponse.builder().build();
    }

    DeleteUserPermissionsBoundaryResponse deleteUser(DeleteUserPermissionsBoundaryRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.find(ctx.accountId(), request.userName());
            iam.putUser(user.value().withPermissionsBoundary(""), user.version(), user.value().accessKeys());
            return user;
        });
        LOG.info("user {} of account {} has no permissions boundary", request.userName(), ctx.accountId());
        return DeleteUserPermissionsBoundaryResponse.builder().build();
    }
}
