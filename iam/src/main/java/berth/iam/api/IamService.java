package berth.iam.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.iam.core.IamIds;
import berth.iam.state.IamRecords;
import software.amazon.awssdk.services.iam.model.*;

import java.time.Clock;

/**
 * IAM on the Query protocol (version 2010-05-08, signing name {@code iam}): users, roles, managed
 * policies and their versions, instance profiles, permissions boundaries, tags, access keys.
 */
public final class IamService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("iam");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("iam", "software.amazon.awssdk.services.iam.model");

    public IamService(IamRecords iam, IamIds ids, Clock clock) {
        super(MODEL, DESCRIPTION);
        RoleApi roles = new RoleApi(iam, ids, clock);
        RolePolicyApi rolePolicies = new RolePolicyApi(iam, roles);
        UserApi users = new UserApi(iam, ids, clock);
        UserPolicyApi userPolicies = new UserPolicyApi(iam, users);
        AccessKeyApi keys = new AccessKeyApi(iam, users, ids, clock);
        PolicyApi policies = new PolicyApi(iam, ids, clock);
        PolicyVersionApi versions = new PolicyVersionApi(iam, policies, clock);
        InstanceProfileApi profiles = new InstanceProfileApi(iam, roles, ids, clock);
        PermissionsBoundaryApi boundaries = new PermissionsBoundaryApi(iam, roles, users);
        TagApi tags = new TagApi(iam, roles, users, policies, profiles);
        add("CreateRole", (OperationHandler<CreateRoleRequest, ?>) roles::create);
        add("GetRole", (OperationHandler<GetRoleRequest, ?>) roles::get);
        add("DeleteRole", (OperationHandler<DeleteRoleRequest, ?>) roles::delete);
        add("ListRoles", (OperationHandler<ListRolesRequest, ?>) roles::list);
        add("UpdateRole", (OperationHandler<UpdateRoleRequest, ?>) roles::update);
        add("UpdateRoleDescription", (OperationHandler<UpdateRoleDescriptionRequest, ?>) roles::updateDescription);
        add("UpdateAssumeRolePolicy", (OperationHandler<UpdateAssumeRolePolicyRequest, ?>) roles::updateTrust);
        add("PutRolePermissionsBoundary", (OperationHandler<PutRolePermissionsBoundaryRequest, ?>) boundaries::putRole);
        add("DeleteRolePermissionsBoundary",
                (OperationHandler<DeleteRolePermissionsBoundaryRequest, ?>) boundaries::deleteRole);
        add("TagRole", (OperationHandler<TagRoleRequest, ?>) tags::tagRole);
        add("UntagRole", (OperationHandler<UntagRoleRequest, ?>) tags::untagRole);
        add("ListRoleTags", (OperationHandler<ListRoleTagsRequest, ?>) tags::listRoleTags);
        add("PutRolePolicy", (OperationHandler<PutRolePolicyRequest, ?>) rolePolicies::put);
        add("GetRolePolicy", (OperationHandler<GetRolePolicyRequest, ?>) rolePolicies::get);
        add("DeleteRolePolicy", (OperationHandler<DeleteRolePolicyRequest, ?>) rolePolicies::delete);
        add("ListRolePolicies", (OperationHandler<ListRolePoliciesRequest, ?>) rolePolicies::list);
        add("AttachRolePolicy", (OperationHandler<AttachRolePolicyRequest, ?>) rolePolicies::attach);
        add("DetachRolePolicy", (OperationHandler<DetachRolePolicyRequest, ?>) rolePolicies::detach);
        add("ListAttachedRolePolicies", (OperationHandler<ListAttachedRolePoliciesRequest, ?>) rolePolicies::listAttached);
        add("CreateUser", (OperationHandler<CreateUserRequest, ?>) users::create);
        add("GetUser", (OperationHandler<GetUserRequest, ?>) users::get);
        add("DeleteUser", (OperationHandler<DeleteUserRequest, ?>) users::delete);
        add("ListUsers", (OperationHandler<ListUsersRequest, ?>) users::list);
        add("UpdateUser", (OperationHandler<UpdateUserRequest, ?>) users::update);
        add("ListGroupsForUser", (OperationHandler<ListGroupsForUserRequest, ?>) users::listGroups);
        add("PutUserPermissionsBoundary", (OperationHandler<PutUserPermissionsBoundaryRequest, ?>) boundaries::putUser);
        add("DeleteUserPermissionsBoundary",
                (OperationHandler<DeleteUserPermissionsBoundaryRequest, ?>) boundaries::deleteUser);
        add("TagUser", (OperationHandler<TagUserRequest, ?>) tags::tagUser);
        add("UntagUser", (OperationHandler<UntagUserRequest, ?>) tags::untagUser);
        add("ListUserTags", (OperationHandler<ListUserTagsRequest, ?>) tags::listUserTags);
        add("PutUserPolicy", (OperationHandler<PutUserPolicyRequest, ?>) userPolicies::put);
        add("GetUserPolicy", (OperationHandler<GetUserPolicyRequest, ?>) userPolicies::get);
        add("DeleteUserPolicy", (OperationHandler<DeleteUserPolicyRequest, ?>) userPolicies::delete);
        add("ListUserPolicies", (OperationHandler<ListUserPoliciesRequest, ?>) userPolicies::list);
        add("AttachUserPolicy", (OperationHandler<AttachUserPolicyRequest, ?>) userPolicies::attach);
        add("DetachUserPolicy", (OperationHandler<DetachUserPolicyRequest, ?>) userPolicies::detach);
        add("ListAttachedUserPolicies", (OperationHandler<ListAttachedUserPoliciesRequest, ?>) userPolicies::listAttached);
        add("CreateAccessKey", (OperationHandler<CreateAccessKeyRequest, ?>) keys::create);
        add("ListAccessKeys", (OperationHandler<ListAccessKeysRequest, ?>) keys::list);
        add("UpdateAccessKey", (OperationHandler<UpdateAccessKeyRequest, ?>) keys::update);
        add("DeleteAccessKey", (OperationHandler<DeleteAccessKeyRequest, ?>) keys::delete);
        add("CreatePolicy", (OperationHandler<CreatePolicyRequest, ?>) policies::create);
        add("GetPolicy", (OperationHandler<GetPolicyRequest, ?>) policies::get);
        add("DeletePolicy", (OperationHandler<DeletePolicyRequest, ?>) policies::delete);
        add("ListPolicies", (OperationHandler<ListPoliciesRequest, ?>) policies::list);
        add("ListEntitiesForPolicy", (OperationHandler<ListEntitiesForPolicyRequest, ?>) policies::listEntities);
        add("GetPolicyVersion", (OperationHandler<GetPolicyVersionRequest, ?>) versions::get);
        add("ListPolicyVersions", (OperationHandler<ListPolicyVersionsRequest, ?>) versions::list);
        add("CreatePolicyVersion", (OperationHandler<CreatePolicyVersionRequest, ?>) versions::create);
        add("DeletePolicyVersion", (OperationHandler<DeletePolicyVersionRequest, ?>) versions::delete);
        add("SetDefaultPolicyVersion", (OperationHandler<SetDefaultPolicyVersionRequest, ?>) versions::setDefault);
        add("TagPolicy", (OperationHandler<TagPolicyRequest, ?>) tags::tagPolicy);
        add("UntagPolicy", (OperationHandler<UntagPolicyRequest, ?>) tags::untagPolicy);
        add("ListPolicyTags", (OperationHandler<ListPolicyTagsRequest, ?>) tags::listPolicyTags);
        add("CreateInstanceProfile", (OperationHandler<CreateInstanceProfileRequest, ?>) profiles::create);
        add("GetInstanceProfile", (OperationHandler<GetInstanceProfileRequest, ?>) profiles::get);
        add("DeleteInstanceProfile", (OperationHandler<DeleteInstanceProfileRequest, ?>) profiles::delete);
        add("AddRoleToInstanceProfile", (OperationHandler<AddRoleToInstanceProfileRequest, ?>) profiles::addRole);
        add("RemoveRoleFromInstanceProfile",
                (OperationHandler<RemoveRoleFromInstanceProfileRequest, ?>) profiles::removeRole);
        add("ListInstanceProfiles", (OperationHandler<ListInstanceProfilesRequest, ?>) profiles::list);
        add("ListInstanceProfilesForRole",
                (OperationHandler<ListInstanceProfilesForRoleRequest, ?>) profiles::listForRole);
        add("TagInstanceProfile", (OperationHandler<TagInstanceProfileRequest, ?>) tags::tagInstanceProfile);
        add("UntagInstanceProfile", (OperationHandler<UntagInstanceProfileRequest, ?>) tags::untagInstanceProfile);
        add("ListInstanceProfileTags",
                (OperationHandler<ListInstanceProfileTagsRequest, ?>) tags::listInstanceProfileTags);
    }
}
