package berth.secrets.manager.api;

import berth.aws.RequestContext;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyParser;
import berth.iam.core.ResourcePolicy;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.state.SecretRecords;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.ValidationErrorsEntry;

/**
 * A secret's resource-based policy: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy,
 * ValidateResourcePolicy. The policy is evaluated with the caller's own policies on every call that
 * names the secret (an explicit Deny in it refuses, an Allow naming the caller grants).
 */
final class SecretPolicyApi {
    private final SecretLookup lookup;
    private final Clock clock;

    SecretPolicyApi(SecretRecords records, Clock clock) {
        this.lookup = new SecretLookup(records);
        this.clock = clock;
    }

    PutResourcePolicyResponse put(PutResourcePolicyRequest request, RequestContext ctx) {
        PolicyDocument policy = parse(request.resourcePolicy());
        if (Boolean.TRUE.equals(request.blockPublicPolicy()) && ResourcePolicy.grantsBroadAccess(policy, ctx.accountId())) {
            throw SecretsErrors.PUBLIC_POLICY.exception(
                    "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad"
                            + " access to the secret.");
        }
        Secret changed = lookup.change(request.secretId(), ctx, true,
                s -> s.withResourcePolicy(request.resourcePolicy(), clock.millis()));
        return PutResourcePolicyResponse.builder().arn(changed.arn()).name(changed.name()).build();
    }

    GetResourcePolicyResponse get(GetResourcePolicyRequest request, RequestContext ctx) {
        Secret secret = lookup.require(request.secretId(), ctx).value();
        var b = GetResourcePolicyResponse.builder().arn(secret.arn()).name(secret.name());
        if (!secret.resourcePolicy().isEmpty()) {
            b.resourcePolicy(secret.resourcePolicy());
        }
        return b.build();
    }

    DeleteResourcePolicyResponse delete(DeleteResourcePolicyRequest request, RequestContext ctx) {
        Secret changed = lookup.change(request.secretId(), ctx, true, s -> s.withResourcePolicy("", clock.millis()));
        return DeleteResourcePolicyResponse.builder().arn(changed.arn()).name(changed.name()).build();
    }

    ValidateResourcePolicyResponse validate(ValidateResourcePolicyRequest request, RequestContext ctx) {
        if (request.secretId() != null) {
            lookup.require(request.secretId(), ctx);
        }
        try {
            PolicyParser.parse(request.resourcePolicy(), PolicyParser.Kind.RESOURCE);
            return ValidateResourcePolicyResponse.builder().policyValidationPassed(true).validationErrors(List.of())
                    .build();
        } catch (MalformedPolicyException e) {
            return ValidateResourcePolicyResponse.builder().policyValidationPassed(false).validationErrors(
                    ValidationErrorsEntry.builder().checkName("SYNTAX_CHECK").errorMessage(e.getMessage()).build())
                    .build();
        }
    }

    private static PolicyDocument parse(String policy) {
        try {
            return PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw SecretsErrors.MALFORMED_POLICY_DOCUMENT.exception(
                    "This resource policy contains a syntax error: " + e.getMessage());
        }
    }
}
