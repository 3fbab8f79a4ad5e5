package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.AwsManagedPolicies;
import berth.iam.core.IamArns;
import berth.iam.core.IamIds;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.PolicyParser;
import berth.iam.core.Role;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Managed policies: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, ListEntitiesForPolicy. */
final class PolicyApi {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyApi.class);
    private static final String POLICY_PATH = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    private static final Pattern POLICY_PATH_PATTERN = Pattern.compile(POLICY_PATH);

    private final IamRecords iam;
    private final IamIds ids;
    private final Clock clock;

    PolicyApi(IamRecords iam, IamIds ids, Clock clock) {
        this.iam = iam;
        this.ids = ids;
        this.clock = clock;
    }

    CreatePolicyResponse create(CreatePolicyRequest request, RequestContext ctx) {
        String name = IamNames.requireName(request.policyName(), "policyName");
        String path = request.path() == null ? "/"
                : IamNames.requirePattern(request.path(), POLICY_PATH_PATTERN, POLICY_PATH, "path");
        validateDocument(request.policyDocument());
        Instant now = clock.instant();
        ManagedPolicy policy = new ManagedPolicy(ctx.accountId(), name, path, ids.policyId(),
                request.description() == null ? "" : request.description(), now, now, "v1",
                List.of(new ManagedPolicy.Version("v1", request.policyDocument(), now)), IamShapes.tags(request.tags()), 1);
        Conflicts.retry(() -> {
            if (iam.policy(ctx.accountId(), name).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("A policy called " + name
                        + " already exists. Duplicate names are not allowed.");
            }
            iam.putPolicy(policy, Store.ABSENT);
            return policy;
        });
        LOG.info("created policy {} ({})", policy.arn(), policy.policyId());
        return CreatePolicyResponse.builder().policy(IamShapes.policy(policy, PolicyUsage.of(iam, ctx.accountId()), false)
                .toBuilder().tags(policy.tags().isEmpty() ? null : IamShapes.tags(policy.tags())).build()).build();
    }

    GetPolicyResponse get(GetPolicyRequest request, RequestContext ctx) {
        ManagedPolicy policy = find(request.policyArn(), ctx);
        return GetPolicyResponse.builder()
                .policy(IamShapes.policy(policy, PolicyUsage.of(iam, ctx.accountId()), true))
                .build();
    }

    DeletePolicyResponse delete(DeletePolicyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<ManagedPolicy> policy = own(request.policyArn(), ctx, "delete");
            if (PolicyUsage.of(iam, ctx.accountId()).used(policy.value().arn())) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete a policy attached to entities.");
            }
            if (policy.value().versions().size() > 1) {
                throw IamErrors.DELETE_CONFLICT.exception("This policy has more than one version. Before you delete a policy, you must"
                        + " delete the policy's versions. The default version is deleted with the policy.");
            }
            iam.deletePolicy(policy.value(), policy.version());
            return policy;
        });
        LOG.info("deleted policy {}", request.policyArn());
        return DeletePolicyResponse.builder().build();
    }

    ListPoliciesResponse list(ListPoliciesRequest request, RequestContext ctx) {
        PolicyScopeType scope = request.scope() == null ? PolicyScopeType.ALL : request.scope();
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        boolean onlyAttached = Boolean.TRUE.equals(request.onlyAttached());
        boolean boundaries = request.policyUsageFilter() == PolicyUsageType.PERMISSIONS_BOUNDARY;
        PolicyUsage usage = PolicyUsage.of(iam, ctx.accountId());
        List<ManagedPolicy> policies = new ArrayList<>();
        if (scope != PolicyScopeType.LOCAL) {
            policies.addAll(AwsManagedPolicies.all());
        }
        if (scope != PolicyScopeType.AWS) {
            policies.addAll(iam.policies(ctx.accountId()));
        }
        List<ManagedPolicy> selected = policies.stream()
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> !boundaries || usage.boundaryUses(p.arn()) > 0)
                .filter(p -> !onlyAttached || (boundaries ? usage.boundaryUses(p.arn()) : usage.attachments(p.arn())) > 0)
                .sorted(Comparator.comparing(ManagedPolicy::arn))
                .toList();
        IamPage<ManagedPolicy> page = IamPage.of(selected, request.marker(), request.maxItems(), ManagedPolicy::arn);
        return ListPoliciesResponse.builder()
                .policies(page.items().stream().map(p -> IamShapes.policy(p, usage, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    /**
     * The roles and users that attach a policy or have it as their boundary, roles first, each in name
     * order. Groups: berth has none. The managed-policy entity filters select every entity when the
     * policy is of that kind, and none otherwise.
     */
    ListEntitiesForPolicyResponse listEntities(ListEntitiesForPolicyRequest request, RequestContext ctx) {
        ManagedPolicy policy = find(request.policyArn(), ctx);
        PolicyUsage usage = PolicyUsage.of(iam, ctx.accountId());
        PolicyUsageType use = request.policyUsageFilter();
        EntityType filter = request.entityFilter();
        boolean byKind = filter == EntityType.LOCAL_MANAGED_POLICY || filter == EntityType.AWS_MANAGED_POLICY;
        boolean kindMatches = !byKind || (filter == EntityType.AWS_MANAGED_POLICY) == policy.awsManaged();
        boolean wantRoles = kindMatches && (filter == null || byKind || filter == EntityType.ROLE);
        boolean wantUsers = kindMatches && (filter == null || byKind || filter == EntityType.USER);
        Set<Role> roles = new LinkedHashSet<>();
        Set<User> users = new LinkedHashSet<>();
        if (use != PolicyUsageType.PERMISSIONS_BOUNDARY) {
            roles.addAll(usage.rolesAttaching(policy.arn()));
            users.addAll(usage.usersAttaching(policy.arn()));
        }
        if (use != PolicyUsageType.PERMISSIONS_POLICY) {
            roles.addAll(usage.rolesBoundedBy(policy.arn()));
            users.addAll(usage.usersBoundedBy(policy.arn()));
        }
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<Object> entities = new ArrayList<>();
        if (wantRoles) {
            roles.stream().filter(r -> r.path().startsWith(prefix)).forEach(entities::add);
        }
        if (wantUsers) {
            users.stream().filter(u -> u.path().startsWith(prefix)).forEach(entities::add);
        }
        entities.sort(Comparator.comparing(PolicyApi::entityKey));
        IamPage<Object> page = IamPage.of(entities, request.marker(), request.maxItems(), PolicyApi::entityKey);
        return ListEntitiesForPolicyResponse.builder()
                .policyRoles(page.items().stream().filter(Role.class::isInstance).map(Role.class::cast)
                        .map(r -> PolicyRole.builder().roleName(r.name()).roleId(r.roleId()).build()).toList())
                .policyUsers(page.items().stream().filter(User.class::isInstance).map(User.class::cast)
                        .map(u -> PolicyUser.builder().userName(u.name()).userId(u.userId()).build()).toList())
                .policyGroups(List.of())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    /** Roles sort before users ({@code r} before {@code u}), each by key. */
    private static String entityKey(Object entity) {
        return switch (entity) {
            case Role r -> "role/" + IamRecords.key(r.accountId(), r.name());
            case User u -> "user/" + IamRecords.key(u.accountId(), u.name());
            default -> throw new IllegalArgumentException("not a role or user: " + entity);
        };
    }

    /** An AWS managed policy, or a customer managed policy of the caller's account. */
    ManagedPolicy find(String arn, RequestContext ctx) {
        return iam.managedPolicy(arn)
                .filter(p -> p.awsManaged() || p.accountId().equals(ctx.accountId()))
                .orElseThrow(() -> IamErrors.policyNotFound(arn));
    }

    /** A customer managed policy of the caller's account, to change; AWS managed ones cannot be. */
    Versioned<ManagedPolicy> own(String arn, RequestContext ctx, String verb) {
        if (find(arn, ctx).awsManaged()) {
            throw IamErrors.INVALID_INPUT.exception("Cannot " + verb + " policies outside your own account.");
        }
        return IamArns.parse(arn, "policy")
                .flatMap(named -> iam.policy(ctx.accountId(), named.name()))
                .filter(p -> p.value().arn().equals(arn))
                .orElseThrow(() -> IamErrors.policyNotFound(arn));
    }

    /** A managed policy document: valid, and within the size quota. */
    static void validateDocument(String document) {
        PolicyDocuments.validate(document, PolicyParser.Kind.IDENTITY);
        if (PolicyDocuments.size(document) > PolicyDocuments.MANAGED_POLICY_MAX) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for PolicySize: " + PolicyDocuments.MANAGED_POLICY_MAX);
        }
    }
}
