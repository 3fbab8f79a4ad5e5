package berth.iam.api;

import berth.aws.AwsService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.iam.core.IamIds;
import berth.iam.state.IamRecords;
import software.amazon.awssdk.services.iam.model.*;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** IAM on the Query protocol (version 2010-05-08, signing name {@code iam}): users, roles, policies, access keys. */
public final class IamService implements AwsService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("iam");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("iam", "software.amazon.awssdk.services.iam.model");

    private final Map<String, OperationHandler<?, ?>> operations;

    public IamService(IamRecords iam, IamIds ids, Clock clock) {
        RoleApi roles = new RoleApi(iam, ids, clock);
        RolePolicyApi rolePolicies = new RolePolicyApi(iam, roles);
        UserApi users = new UserApi(iam, ids, clock);
        UserPolicyApi userPolicies = new UserPolicyApi(iam, users);
        AccessKeyApi keys = new AccessKeyApi(iam, users, ids, clock);
        PolicyApi policies = new PolicyApi(iam, ids, clock);
        Map<String, OperationHandler<?, ?>> ops = new HashMap<>();
        ops.put("CreateRole", (OperationHandler<CreateRoleRequest, ?>) roles::create);
        ops.put("GetRole", (OperationHandler<GetRoleRequest, ?>) roles::get);
        ops.put("DeleteRole", (OperationHandler<DeleteRoleRequest, ?>) roles::delete);
        ops.put("ListRoles", (OperationHandler<ListRolesRequest, ?>) roles::list);
        ops.put("UpdateRole", (OperationHandler<UpdateRoleRequest, ?>) roles::update);
        ops.put("UpdateAssumeRolePolicy", (OperationHandler<UpdateAssumeRolePolicyRequest, ?>) roles::updateTrust);
        ops.put("PutRolePolicy", (OperationHandler<PutRolePolicyRequest, ?>) rolePolicies::put);
        ops.put("GetRolePolicy", (OperationHandler<GetRolePolicyRequest, ?>) rolePolicies::get);
        ops.put("DeleteRolePolicy", (OperationHandler<DeleteRolePolicyRequest, ?>) rolePolicies::delete);
        ops.put("ListRolePolicies", (OperationHandler<ListRolePoliciesRequest, ?>) rolePolicies::list);
        ops.put("AttachRolePolicy", (OperationHandler<AttachRolePolicyRequest, ?>) rolePolicies::attach);
        ops.put("DetachRolePolicy", (OperationHandler<DetachRolePolicyRequest, ?>) rolePolicies::detach);
        ops.put("ListAttachedRolePolicies", (OperationHandler<ListAttachedRolePoliciesRequest, ?>) rolePolicies::listAttached);
        ops.put("CreateUser", (OperationHandler<CreateUserRequest, ?>) users::create);
        ops.put("GetUser", (OperationHandler<GetUserRequest, ?>) users::get);
        ops.put("DeleteUser", (OperationHandler<DeleteUserRequest, ?>) users::delete);
        ops.put("ListUsers", (OperationHandler<ListUsersRequest, ?>) users::list);
        ops.put("PutUserPolicy", (OperationHandler<PutUserPolicyRequest, ?>) userPolicies::put);
        ops.put("GetUserPolicy", (OperationHandler<GetUserPolicyRequest, ?>) userPolicies::get);
        ops.put("DeleteUserPolicy", (OperationHandler<DeleteUserPolicyRequest, ?>) userPolicies::delete);
        ops.put("ListUserPolicies", (OperationHandler<ListUserPoliciesRequest, ?>) userPolicies::list);
        ops.put("AttachUserPolicy", (OperationHandler<AttachUserPolicyRequest, ?>) userPolicies::attach);
        ops.put("DetachUserPolicy", (OperationHandler<DetachUserPolicyRequest, ?>) userPolicies::detach);
        ops.put("ListAttachedUserPolicies", (OperationHandler<ListAttachedUserPoliciesRequest, ?>) userPolicies::listAttached);
        ops.put("CreateAccessKey", (OperationHandler<CreateAccessKeyRequest, ?>) keys::create);
        ops.put("ListAccessKeys", (OperationHandler<ListAccessKeysRequest, ?>) keys::list);
        ops.put("UpdateAccessKey", (OperationHandler<UpdateAccessKeyRequest, ?>) keys::update);
        ops.put("DeleteAccessKey", (OperationHandler<DeleteAccessKeyRequest, ?>) keys::delete);
        ops.put("CreatePolicy", (OperationHandler<CreatePolicyRequest, ?>) policies::create);
        ops.put("GetPolicy", (OperationHandler<GetPolicyRequest, ?>) policies::get);
        ops.put("GetPolicyVersion", (OperationHandler<GetPolicyVersionRequest, ?>) policies::getVersion);
        ops.put("ListPolicyVersions", (OperationHandler<ListPolicyVersionsRequest, ?>) policies::listVersions);
        ops.put("DeletePolicy", (OperationHandler<DeletePolicyRequest, ?>) policies::delete);
        ops.put("ListPolicies", (OperationHandler<ListPoliciesRequest, ?>) policies::list);
        this.operations = Map.copyOf(ops);
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Optional<ServiceDescription> description() {
        return Optional.of(DESCRIPTION);
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        return operations;
    }
}
