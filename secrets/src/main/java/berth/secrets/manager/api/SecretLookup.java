package berth.secrets.manager.api;

import berth.aws.RequestContext;
import berth.secrets.manager.state.SecretRecords;

/** Finds the secret a SecretId names: by name, by full ARN, or by partial ARN. */
final class SecretLookup {
    private final SecretRecords records;

    SecretLookup(SecretRecords records) {
        this.records = records;
    }

    /** The secret, whether or not it is scheduled for deletion; ResourceNotFoundException when there is none. */
    SecretRecords.Versioned require(String secretId, RequestContext ctx) {
        return records.findById(secretId, ctx.accountId(), ctx.region()).orElseThrow(SecretsErrors::notFound);
    }

    /** The secret, refusing one scheduled for deletion as Secrets Manager does for reads and changes. */
    SecretRecords.Versioned requireLive(String secretId, RequestContext ctx) {
        SecretRecords.Versioned found = require(secretId, ctx);
        if (found.secret().scheduledForDeletion()) throw SecretsErrors.markedForDeletion();
        return found;
    }
}
