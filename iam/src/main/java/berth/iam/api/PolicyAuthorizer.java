package berth.iam.api;

import berth.aws.Authorizer;
import berth.aws.Caller;
import berth.aws.ServiceModel;
import berth.iam.core.AccessRequest;
import berth.iam.core.Decision;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyEvaluator;
import berth.iam.core.PolicyParser;
import berth.iam.core.RequestContextKeys;
import berth.iam.core.RoleAssumption;
import berth.iam.state.PrincipalPolicies;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every call of an IAM user or role session by its identity-based (and session) policies:
 * the action is {@code <service prefix>:<Operation>} (or the action the {@link ResourceTable} names for an
 * operation without one of its own), the resources come from the {@link ResourceTable}.
 * {@code sts:GetCallerIdentity} is never refused (as in AWS); {@code sts:AssumeRole} is decided by
 * its handler together with the role's trust policy.
 */
public final class PolicyAuthorizer implements Authorizer, berth.iam.PassRoleCheck {
    /** Signing names whose IAM action prefix differs; every other service's prefix is its signing name. */
    private static final Map<String, String> ACTION_PREFIXES = Map.of("monitoring", "cloudwatch", "email", "ses");

    private final PrincipalPolicies principals;
    private final ResourceTable resources;
    private final Clock clock;

    public PolicyAuthorizer(PrincipalPolicies principals, ResourceTable resources, Clock clock) {
        this.principals = principals;
        this.resources = resources;
        this.clock = clock;
    }

    @Override
    public void authorize(Caller caller, ServiceModel service, String operation, SdkPojo request) {
        String call = actionPrefix(service) + ":" + operation;
        String action = resources.actionOf(call);
        if (action.equals("sts:GetCallerIdentity") || action.equals(RoleAssumption.ASSUME_ROLE)) {
            return;
        }
        Optional<PrincipalPolicies.Principal> principal = principals.of(caller.identity(), caller.accessKeyId());
        RequestContextKeys context = CallerContext.keys(caller, principal, clock.instant()).build();
        for (String resource : resources.resources(call, request, caller)) {
            require(caller, principal, action, resource, context,
                    resources.policyOf(resource).flatMap(PolicyAuthorizer::parsed), service.protocol());
        }
    }

    @Override
    public void require(Caller caller, String roleArn, String toService, berth.aws.Protocol protocol) {
        if (caller.identity().root()) {
            return;
        }
        Optional<PrincipalPolicies.Principal> principal = principals.of(caller.identity(), caller.accessKeyId());
        RequestContextKeys context = CallerContext.keys(caller, principal, clock.instant())
                .put("iam:PassedToService", toService).build();
        require(caller, principal, "iam:PassRole", roleArn, context, Optional.empty(), protocol);
    }

    /** Refuses, in the wire's access-denied shape, unless the caller's policies (and the resource's) allow the action. */
    private static void require(Caller caller, Optional<PrincipalPolicies.Principal> principal, String action, String resource,
                                RequestContextKeys context, Optional<PolicyDocument> resourcePolicy, berth.aws.Protocol protocol) {
        Decision decision = principal
                .map(p -> PolicyEvaluator.evaluate(new AccessRequest(action, resource, context), p.policies(),
                        resourcePolicy, CallerContext.principal(caller, principal)))
                .orElse(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW));
        if (decision instanceof Decision.Denied denied) {
            throw IamErrors.accessDenied(protocol, "User: " + caller.identity().arn()
                    + " is not authorized to perform: " + action + " on resource: " + resource + " "
                    + denied.explanation(action));
        }
    }

    /** A stored resource policy; one that no longer parses grants nothing. */
    private static Optional<PolicyDocument> parsed(String policy) {
        try {
            return Optional.of(PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE));
        } catch (MalformedPolicyException e) {
            return Optional.empty();
        }
    }

    static String actionPrefix(ServiceModel service) {
        return ACTION_PREFIXES.getOrDefault(service.signingName(), service.signingName());
    }
}
