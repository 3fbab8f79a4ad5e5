package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.IamIds;
import berth.iam.core.Role;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** CreateRole, GetRole, DeleteRole, ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy. */
final class RoleApi {
    private static final Logger LOG = LoggerFactory.getLogger(RoleApi.class);

    private final IamRecords iam;
    private final IamIds ids;
    private final Clock clock;

    RoleApi(IamRecords iam, IamIds ids, Clock clock) {
        this.iam = iam;
        this.ids = ids;
        this.clock = clock;
    }

    CreateRoleResponse create(CreateRoleRequest request, RequestContext ctx) {
        String name = IamNames.requireName(request.roleName(), "roleName");
        String path = IamNames.requirePath(request.path(), "path");
        PolicyDocuments.validateTrust(request.assumeRolePolicyDocument(), ctx.accountId(), iam);
        String boundary = PermissionsBoundaryApi.boundary(iam, ctx.accountId(), request.permissionsBoundary());
        Map<String, String> tags = IamShapes.tags(request.tags());
        int maxSession = request.maxSessionDuration() == null ? Role.DEFAULT_MAX_SESSION_SECONDS : request.maxSessionDuration();
        Role role = new Role(ctx.accountId(), name, path, ids.roleId(), clock.instant(), request.assumeRolePolicyDocument(),
                request.description() == null ? "" : request.description(), maxSession, tags, Map.of(), List.of(), boundary);
        Conflicts.retry(() -> {
            if (iam.role(ctx.accountId(), name).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Role with name " + name + " already exists.");
            }
            iam.putRole(role, Store.ABSENT);
            return role;
        });
        LOG.info("created role {} ({})", role.arn(), role.roleId());
        return CreateRoleResponse.builder().role(IamShapes.role(role, true)).build();
    }

    GetRoleResponse get(GetRoleRequest request, RequestContext ctx) {
        Role role = find(ctx.accountId(), request.roleName()).value();
        var shaped = IamShapes.role(role, true).toBuilder()
                .roleLastUsed(software.amazon.awssdk.services.iam.model.RoleLastUsed.builder().build()).build();
        return GetRoleResponse.builder().role(shaped).build();
    }

    DeleteRoleResponse delete(DeleteRoleRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> role = find(ctx.accountId(), request.roleName());
            if (!role.value().inlinePolicies().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("delete policies");
            }
            if (!role.value().attachedPolicyArns().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("detach all policies");
            }
            if (iam.instanceProfiles(ctx.accountId()).stream().anyMatch(p -> p.holds(role.value().name()))) {
                throw IamErrors.cannotDeleteBefore("remove roles from instance profile");
            }
            iam.deleteRole(role.value(), role.version());
            return role;
        });
        LOG.info("deleted role {} of account {}", request.roleName(), ctx.accountId());
        return DeleteRoleResponse.builder().build();
    }

    ListRolesResponse list(ListRolesRequest request, RequestContext ctx) {
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<Role> roles = iam.roles(ctx.accountId()).stream().filter(r -> r.path().startsWith(prefix)).toList();
        IamPage<Role> page = IamPage.of(roles, request.marker(), request.maxItems(),
                r -> IamRecords.key(r.accountId(), r.name()));
        return ListRolesResponse.builder()
                .roles(page.items().stream().map(r -> IamShapes.role(r, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    UpdateRoleResponse update(UpdateRoleRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<Role> found = find(ctx.accountId(), request.roleName());
            Role role = found.value();
            Role updated = role
                    .withDescription(request.description() == null ? role.description() : request.description())
                    .withMaxSessionDuration(request.maxSessionDuration() == null ? role.maxSessionDurationSeconds()
                            : request.maxSessionDuration());
            iam.putRole(updated, found.version());
            return updated;
        });
        return UpdateRoleResponse.builder().build();
    }

    UpdateRoleDescriptionResponse updateDescription(UpdateRoleDescriptionRequest request, RequestContext ctx) {
        Role updated = Conflicts.retry(() -> {
            Versioned<Role> found = find(ctx.accountId(), request.roleName());
            Role role = found.value().withDescription(request.description());
            iam.putRole(role, found.version());
            return role;
        });
        return UpdateRoleDescriptionResponse.builder().role(IamShapes.role(updated, true)).build();
    }

    UpdateAssumeRolePolicyResponse updateTrust(UpdateAssumeRolePolicyRequest request, RequestContext ctx) {
        PolicyDocuments.validateTrust(request.policyDocument(), ctx.accountId(), iam);
        Conflicts.retry(() -> {
            Versioned<Role> role = find(ctx.accountId(), request.roleName());
            iam.putRole(role.value().withTrustPolicy(request.policyDocument()), role.version());
            return role;
        });
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    Versioned<Role> find(String accountId, String name) {
        return iam.role(accountId, name)
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("The role with name " + name + " cannot be found."));
    }
}
