package berth.secrets.manager.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.state.SecretRecords;

/** Finds the secret a SecretId names: by name, by full ARN, or by partial ARN. */
final class SecretLookup {
    private final SecretRecords records;

    SecretLookup(SecretRecords records) {
        this.records = records;
    }

    /** The secret, whether or not it is scheduled for deletion; ResourceNotFoundException when there is none. */
    Versioned<Secret> require(String secretId, RequestContext ctx) {
        return records.findById(secretId, ctx.scope()).orElseThrow(SecretsErrors::notFound);
    }

    /** The secret, refusing one scheduled for deletion as Secrets Manager does for reads and changes. */
    Versioned<Secret> requireLive(String secretId, RequestContext ctx) {
        Versioned<Secret> found = require(secretId, ctx);
        if (found.value().scheduledForDeletion()) throw SecretsErrors.markedForDeletion();
        return found;
    }

    /**
     * Applies {@code edit} to the secret with compare-and-set, re-reading on conflicts; a secret
     * scheduled for deletion is refused when {@code requireLive}.
     */
    Secret change(String secretId, RequestContext ctx, boolean requireLive, java.util.function.UnaryOperator<Secret> edit) {
        for (int attempt = 0; ; attempt++) {
            Versioned<Secret> found = requireLive ? requireLive(secretId, ctx) : require(secretId, ctx);
            Secret changed = edit.apply(found.value());
            try {
                records.save(changed, found.version());
                return changed;
            } catch (berth.store.VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }
}
