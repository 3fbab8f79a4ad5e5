package berth.registry.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable;
import berth.registry.core.InvalidPolicy;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.RegistryPolicy;
import berth.registry.state.RegistrySettings;
import berth.store.VersionConflict;
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
        try {
            RegistryPolicy.parse(request.policyText());
        } catch (InvalidPolicy e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: '" + e.getMessage() + "'");
        }
        settings.policies().save(new RegistryPermissions(ctx.accountId(), ctx.region(), request.policyText()), berth.store.Store.ANY);
        return PutRegistryPolicyResponse.builder().registryId(ctx.accountId()).policyText(request.policyText()).build();
    }

    GetRegistryPolicyResponse get(GetRegistryPolicyRequest request, RequestContext ctx) {
        RegistryPermissions stored = settings.policy(ctx.accountId(), ctx.region())
                .orElseThrow(() -> EcrErrors.registryPolicyNotFound(ctx.accountId()));
        return GetRegistryPolicyResponse.builder().registryId(ctx.accountId()).policyText(stored.policyText()).build();
    }

    DeleteRegistryPolicyResponse delete(DeleteRegistryPolicyRequest request, RequestContext ctx) {
        String key = RegistrySettings.key(ctx.accountId(), ctx.region());
        for (int attempt = 1; ; attempt++) {
            RecordTable.Versioned<RegistryPermissions> stored = settings.policies().find(key)
                    .orElseThrow(() -> EcrErrors.registryPolicyNotFound(ctx.accountId()));
            try {
                settings.store().commit(java.util.List.of(settings.policies().delete(key, stored.version())));
                return DeleteRegistryPolicyResponse.builder().registryId(ctx.accountId())
                        .policyText(stored.value().policyText()).build();
            } catch (VersionConflict conflict) {
                if (attempt >= 5) throw conflict;
            }
        }
    }
}
