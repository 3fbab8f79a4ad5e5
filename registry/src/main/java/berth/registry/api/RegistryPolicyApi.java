package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.registry.core.InvalidPolicy;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.RegistryPolicy;
import berth.registry.state.RegistrySettings;
import software.amazon.awssdk.services.ecr.model.DeleteRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRegistryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRegistryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.PutRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutRegistryPolicyResponse;

/**
 * The permissions policy of the caller's registry in the caller's region. The replication of images
 * from other accounts into this registry reads it (see {@link berth.registry.core.ReplicationDecision}).
 */
final class RegistryPolicyApi {
    private final RegistrySettings settings;

    RegistryPolicyApi(RegistrySettings settings) {
        this.settings = settings;
    }

    PutRegistryPolicyResponse put(PutRegistryPolicyRequest request, RequestContext ctx) {
        Scope registry = ctx.scope();
        try {
            RegistryPolicy.parse(request.policyText());
        } catch (InvalidPolicy e) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'PolicyText' failed to satisfy constraint: '"
                    + e.getMessage() + "'");
        }
        settings.savePolicy(RegistryPermissions.of(registry, request.policyText()));
        return PutRegistryPolicyResponse.builder().registryId(registry.accountId()).policyText(request.policyText()).build();
    }

    GetRegistryPolicyResponse get(GetRegistryPolicyRequest request, RequestContext ctx) {
        Scope registry = ctx.scope();
        RegistryPermissions stored = settings.policy(registry)
                .orElseThrow(() -> EcrErrors.registryPolicyNotFound(registry.accountId()));
        return GetRegistryPolicyResponse.builder().registryId(registry.accountId()).policyText(stored.policyText()).build();
    }

    DeleteRegistryPolicyResponse delete(DeleteRegistryPolicyRequest request, RequestContext ctx) {
        Scope registry = ctx.scope();
        RegistryPermissions deleted = settings.deletePolicy(registry)
                .orElseThrow(() -> EcrErrors.registryPolicyNotFound(registry.accountId()));
        return DeleteRegistryPolicyResponse.builder().registryId(registry.accountId()).policyText(deleted.policyText()).build();
    }
}
