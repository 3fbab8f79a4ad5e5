package berth.secrets.manager.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.state.SecretRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceResponse;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceResponse;

/** DeleteSecret (scheduled or immediate), RestoreSecret, TagResource, UntagResource. */
final class SecretLifecycleApi {
    private static final Logger LOG = LoggerFactory.getLogger(SecretLifecycleApi.class);
    private static final long DAY_MILLIS = 86_400_000L;
    static final int MAX_TAGS = 50;

    private final SecretRecords records;
    private final SecretLookup lookup;
    private final Clock clock;

    SecretLifecycleApi(SecretRecords records, Clock clock) {
        this.records = records;
        this.lookup = new SecretLookup(records);
        this.clock = clock;
    }

    DeleteSecretResponse delete(DeleteSecretRequest request, RequestContext ctx) {
        boolean force = Boolean.TRUE.equals(request.forceDeleteWithoutRecovery());
        Long window = request.recoveryWindowInDays();
        if (force && window != null) {
            throw SecretsErrors.INVALID_PARAMETER.exception(
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        if (window != null && (window < 7 || window > 30)) {
            throw SecretsErrors.INVALID_PARAMETER.exception(
                    "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        long days = window == null ? 30 : window;
        for (int attempt = 0; ; attempt++) {
            Versioned<Secret> found = lookup.require(request.secretId(), ctx);
            Secret secret = found.value();
            long now = clock.millis();
            try {
                if (force) {
                    records.delete(secret, found.version());
                    LOG.info("secret deleted: {} (account {}, region {})", secret.name(), secret.accountId(), secret.region());
                    return DeleteSecretResponse.builder().arn(secret.arn()).name(secret.name())
                            .deletionDate(Instant.ofEpochMilli(now)).build();
                }
                if (secret.scheduledForDeletion()) throw SecretsErrors.markedForDeletion();
                Secret scheduled = secret.scheduledForDeletion(now, now + days * DAY_MILLIS);
                records.save(scheduled, found.version());
                LOG.info("secret scheduled for deletion in {} days: {} (account {}, region {})", days, secret.name(),
                        secret.accountId(), secret.region());
                return DeleteSecretResponse.builder().arn(secret.arn()).name(secret.name())
                        .deletionDate(Instant.ofEpochMilli(scheduled.deletionMillis())).build();
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    RestoreSecretResponse restore(RestoreSecretRequest request, RequestContext ctx) {
        Secret restored = lookup.change(request.secretId(), ctx, false, Secret::restored);
        return RestoreSecretResponse.builder().arn(restored.arn()).name(restored.name()).build();
    }

    TagResourceResponse tag(TagResourceRequest request, RequestContext ctx) {
        List<Secret.Tag> added = SecretMapping.fromSdk(request.tags());
        lookup.change(request.secretId(), ctx, true, secret -> {
            Map<String, String> tags = new LinkedHashMap<>();
            secret.tags().forEach(t -> tags.put(t.key(), t.value()));
            added.forEach(t -> tags.put(t.key(), t.value()));
            if (tags.size() > MAX_TAGS) {
                throw SecretsErrors.INVALID_PARAMETER.exception("A secret can have at most " + MAX_TAGS + " tags.");
            }
            List<Secret.Tag> merged = new ArrayList<>();
            tags.forEach((k, v) -> merged.add(new Secret.Tag(k, v)));
            return secret.withTags(merged, clock.millis());
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest request, RequestContext ctx) {
        lookup.change(request.secretId(), ctx, true, secret -> secret.withTags(
                secret.tags().stream().filter(t -> !request.tagKeys().contains(t.key())).toList(), clock.millis()));
        return UntagResourceResponse.builder().build();
    }
}
