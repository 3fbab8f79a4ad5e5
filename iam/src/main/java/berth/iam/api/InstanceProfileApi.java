package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.IamIds;
import berth.iam.core.InstanceProfile;
import berth.iam.core.Role;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instance profiles: CreateInstanceProfile, GetInstanceProfile, DeleteInstanceProfile,
 * AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile, ListInstanceProfiles,
 * ListInstanceProfilesForRole. A profile holds at most one role; a profile holding one cannot be
 * deleted, nor can the role.
 */
final class InstanceProfileApi {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceProfileApi.class);

    private final IamRecords iam;
    private final RoleApi roles;
    private final IamIds ids;
    private final Clock clock;

    InstanceProfileApi(IamRecords iam, RoleApi roles, IamIds ids, Clock clock) {
        this.iam = iam;
        this.roles = roles;
        this.ids = ids;
        this.clock = clock;
    }

    CreateInstanceProfileResponse create(CreateInstanceProfileRequest request, RequestContext ctx) {
        String name = IamNames.requireName(request.instanceProfileName(), "instanceProfileName");
        String path = IamNames.requirePath(request.path(), "path");
        InstanceProfile profile = new InstanceProfile(ctx.accountId(), name, path, ids.instanceProfileId(), clock.instant(),
                List.of(), IamShapes.tags(request.tags()));
        Conflicts.retry(() -> {
            if (iam.instanceProfile(ctx.accountId(), name).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("Instance Profile " + name + " already exists.");
            }
            iam.putInstanceProfile(profile, Store.ABSENT);
            return profile;
        });
        LOG.info("created instance profile {} ({})", profile.arn(), profile.instanceProfileId());
        return CreateInstanceProfileResponse.builder().instanceProfile(IamShapes.instanceProfile(profile, List.of(), true))
                .build();
    }

    GetInstanceProfileResponse get(GetInstanceProfileRequest request, RequestContext ctx) {
        InstanceProfile profile = find(ctx.accountId(), request.instanceProfileName()).value();
        return GetInstanceProfileResponse.builder().instanceProfile(shaped(profile, true)).build();
    }

    DeleteInstanceProfileResponse delete(DeleteInstanceProfileRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<InstanceProfile> profile = find(ctx.accountId(), request.instanceProfileName());
            if (!profile.value().roleNames().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("remove roles from instance profile");
            }
            iam.deleteInstanceProfile(profile.value(), profile.version());
            return profile;
        });
        LOG.info("deleted instance profile {} of account {}", request.instanceProfileName(), ctx.accountId());
        return DeleteInstanceProfileResponse.builder().build();
    }

    AddRoleToInstanceProfileResponse addRole(AddRoleToInstanceProfileRequest request, RequestContext ctx) {
        InstanceProfile updated = Conflicts.retry(() -> {
            Versioned<InstanceProfile> profile = find(ctx.accountId(), request.instanceProfileName());
            Versioned<Role> role = roles.find(ctx.accountId(), request.roleName());
            if (profile.value().roleNames().size() >= InstanceProfile.MAX_ROLES) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for InstanceSessionsPerInstanceProfile: "
                        + InstanceProfile.MAX_ROLES);
            }
            List<String> holding = new ArrayList<>(profile.value().roleNames());
            holding.add(role.value().name());
            InstanceProfile next = profile.value().withRoles(holding);
            iam.putInstanceProfileHolding(next, profile.version(), role);
            return next;
        });
        LOG.info("instance profile {} holds role {}", updated.arn(), request.roleName());
        return AddRoleToInstanceProfileResponse.builder().build();
    }

    RemoveRoleFromInstanceProfileResponse removeRole(RemoveRoleFromInstanceProfileRequest request, RequestContext ctx) {
        InstanceProfile updated = Conflicts.retry(() -> {
            Versioned<InstanceProfile> profile = find(ctx.accountId(), request.instanceProfileName());
            Role role = roles.find(ctx.accountId(), request.roleName()).value();
            if (!profile.value().holds(role.name())) {
                throw IamErrors.NO_SUCH_ENTITY.exception("The role with name " + request.roleName()
                        + " is not in instance profile " + profile.value().name() + ".");
            }
            InstanceProfile next = profile.value().withRoles(profile.value().roleNames().stream()
                    .filter(r -> !r.equalsIgnoreCase(role.name())).toList());
            iam.putInstanceProfile(next, profile.version());
            return next;
        });
        LOG.info("instance profile {} no longer holds role {}", updated.arn(), request.roleName());
        return RemoveRoleFromInstanceProfileResponse.builder().build();
    }

    ListInstanceProfilesResponse list(ListInstanceProfilesRequest request, RequestContext ctx) {
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<InstanceProfile> profiles = iam.instanceProfiles(ctx.accountId()).stream()
                .filter(p -> p.path().startsWith(prefix)).toList();
        IamPage<InstanceProfile> page = IamPage.of(profiles, request.marker(), request.maxItems(),
                p -> IamRecords.key(p.accountId(), p.name()));
        return ListInstanceProfilesResponse.builder()
                .instanceProfiles(page.items().stream().map(p -> shaped(p, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    ListInstanceProfilesForRoleResponse listForRole(ListInstanceProfilesForRoleRequest request, RequestContext ctx) {
        Role role = roles.find(ctx.accountId(), request.roleName()).value();
        List<InstanceProfile> profiles = iam.instanceProfiles(ctx.accountId()).stream()
                .filter(p -> p.holds(role.name())).toList();
        IamPage<InstanceProfile> page = IamPage.of(profiles, request.marker(), request.maxItems(),
                p -> IamRecords.key(p.accountId(), p.name()));
        return ListInstanceProfilesForRoleResponse.builder()
                .instanceProfiles(page.items().stream().map(p -> shaped(p, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    Versioned<InstanceProfile> find(String accountId, String name) {
        return iam.instanceProfile(accountId, name)
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("Instance Profile " + name + " cannot be found."));
    }

    /** Listings leave tags out, as IAM's do; GetInstanceProfile includes them. */
    private software.amazon.awssdk.services.iam.model.InstanceProfile shaped(InstanceProfile profile, boolean detailed) {
        List<Role> held = profile.roleNames().stream().map(name -> iam.role(profile.accountId(), name))
                .flatMap(Optional::stream).map(Versioned::value).toList();
        return IamShapes.instanceProfile(profile, held, detailed);
    }
}
