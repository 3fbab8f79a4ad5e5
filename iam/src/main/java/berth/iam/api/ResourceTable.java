package berth.iam.api;

import berth.aws.Caller;
import berth.aws.Scope;
import berth.iam.RequestFields;
import berth.iam.RequestResources;
import berth.iam.core.IamArns;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.core.SdkPojo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources of each action for policy evaluation, by action name (case-insensitive): entries for
 * IAM (roles, users, instance profiles and policies by name, with their stored paths), STS AssumeRole
 * and ECS clusters; other modules register their own. Unlisted actions act on {@code *}.
 */
public final class ResourceTable implements RequestResources {
    private static final List<String> ROLE_ACTIONS = List.of("GetRole", "DeleteRole", "UpdateRole",
            "UpdateAssumeRolePolicy", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
            "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies", "UpdateRoleDescription", "TagRole",
            "UntagRole", "ListRoleTags", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
            "ListInstanceProfilesForRole");
    private static final List<String> USER_ACTIONS = List.of("GetUser", "DeleteUser", "PutUserPolicy", "GetUserPolicy",
            "DeleteUserPolicy", "ListUserPolicies", "AttachUserPolicy", "DetachUserPolicy", "ListAttachedUserPolicies",
            "CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey", "UpdateUser", "TagUser", "UntagUser",
            "ListUserTags", "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary", "ListGroupsForUser");
    private static final List<String> POLICY_ACTIONS = List.of("GetPolicy", "GetPolicyVersion", "ListPolicyVersions",
            "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion",
            "ListEntitiesForPolicy", "TagPolicy", "UntagPolicy", "ListPolicyTags");
    private static final List<String> INSTANCE_PROFILE_ACTIONS = List.of("GetInstanceProfile", "DeleteInstanceProfile",
            "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile", "TagInstanceProfile", "UntagInstanceProfile",
            "ListInstanceProfileTags");
    private static final List<String> CLUSTER_ACTIONS = List.of("DeleteCluster", "UpdateCluster", "UpdateClusterSettings",
            "PutClusterCapacityProviders");

    private final Map<String, Extractor> extractors = new ConcurrentHashMap<>();
    private final Map<String, PolicySource> policies = new ConcurrentHashMap<>();
    private final Map<String, String> actions = new ConcurrentHashMap<>();

    public ResourceTable(IamRecords iam) {
        ROLE_ACTIONS.forEach(op -> register("iam:" + op, (request, caller) ->
                RequestFields.string(request, "RoleName").map(name -> List.of(roleArn(iam, caller.accountId(), name)))
                        .orElse(List.of())));
        register("iam:CreateRole", (request, caller) -> List.of(IamArns.role(caller.accountId(),
                RequestFields.string(request, "Path").orElse("/"), RequestFields.string(request, "RoleName").orElse(""))));
        USER_ACTIONS.forEach(op -> register("iam:" + op, (request, caller) ->
                RequestFields.string(request, "UserName").map(name -> List.of(userArn(iam, caller.accountId(), name)))
                        .orElse(List.of(caller.identity().arn()))));
        register("iam:CreateUser", (request, caller) -> List.of(IamArns.user(caller.accountId(),
                RequestFields.string(request, "Path").orElse("/"), RequestFields.string(request, "UserName").orElse(""))));
        POLICY_ACTIONS.forEach(op -> register("iam:" + op, (request, caller) ->
                RequestFields.string(request, "PolicyArn").map(List::of).orElse(List.of())));
        register("iam:CreatePolicy", (request, caller) -> List.of(IamArns.policy(caller.accountId(),
                RequestFields.string(request, "Path").orElse("/"), RequestFields.string(request, "PolicyName").orElse(""))));
        INSTANCE_PROFILE_ACTIONS.forEach(op -> register("iam:" + op, (request, caller) ->
                RequestFields.string(request, "InstanceProfileName")
                        .map(name -> List.of(instanceProfileArn(iam, caller.accountId(), name))).orElse(List.of())));
        register("iam:CreateInstanceProfile", (request, caller) -> List.of(IamArns.instanceProfile(caller.accountId(),
                RequestFields.string(request, "Path").orElse("/"),
                RequestFields.string(request, "InstanceProfileName").orElse(""))));
        register("sts:AssumeRole", (request, caller) ->
                RequestFields.string(request, "RoleArn").map(List::of).orElse(List.of()));
        register("ecs:CreateCluster", (request, caller) ->
                List.of(clusterArn(RequestFields.string(request, "clusterName").orElse("default"), caller.scope())));
        register("ecs:DescribeClusters", (request, caller) -> {
            List<String> clusters = RequestFields.strings(request, "clusters");
            return (clusters.isEmpty() ? List.of("default") : clusters).stream()
                    .map(c -> clusterArn(c, caller.scope())).toList();
        });
        CLUSTER_ACTIONS.forEach(op -> register("ecs:" + op, (request, caller) ->
                List.of(clusterArn(RequestFields.string(request, "cluster").orElse("default"), caller.scope()))));
    }

    @Override
    public void register(String action, Extractor extractor) {
        extractors.put(action.toLowerCase(Locale.ROOT), extractor);
    }

    @Override
    public void registerAction(String operation, String action) {
        actions.put(operation.toLowerCase(Locale.ROOT), action);
    }

    /** The IAM action a call of {@code operation} ({@code service:Operation}) is authorized as: its own name unless registered. */
    public String actionOf(String operation) {
        return actions.getOrDefault(operation.toLowerCase(Locale.ROOT), operation);
    }

    @Override
    public void registerPolicies(String arnPrefix, PolicySource source) {
        policies.put(arnPrefix, source);
    }

    /** The resource-based policy of {@code resourceArn}, when its module keeps one. */
    public java.util.Optional<String> policyOf(String resourceArn) {
        for (Map.Entry<String, PolicySource> e : policies.entrySet()) {
            if (resourceArn.startsWith(e.getKey())) {
                return e.getValue().policyOf(resourceArn);
            }
        }
        return java.util.Optional.empty();
    }

    /** The resources {@code action} acts on; {@code *} when the table has no entry or the request names none. */
    public List<String> resources(String action, SdkPojo request, Caller caller) {
        Extractor extractor = extractors.get(action.toLowerCase(Locale.ROOT));
        if (extractor == null) {
            return List.of("*");
        }
        List<String> resources = extractor.resources(request, caller);
        return resources.isEmpty() ? List.of("*") : resources;
    }

    private static String roleArn(IamRecords iam, String account, String name) {
        return iam.role(account, name).map(Versioned::value).map(r -> r.arn()).orElse(IamArns.role(account, "/", name));
    }

    private static String userArn(IamRecords iam, String account, String name) {
        return iam.user(account, name).map(Versioned::value).map(u -> u.arn()).orElse(IamArns.user(account, "/", name));
    }

    private static String instanceProfileArn(IamRecords iam, String account, String name) {
        return iam.instanceProfile(account, name).map(Versioned::value).map(p -> p.arn())
                .orElse(IamArns.instanceProfile(account, "/", name));
    }

    private static String clusterArn(String nameOrArn, Scope scope) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : scope.arn("ecs", "cluster/" + nameOrArn);
    }
}
