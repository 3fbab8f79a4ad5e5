package berth.secrets.manager.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretNames;
import berth.secrets.manager.core.SecretStages;
import berth.secrets.manager.core.SecretVersion;
import berth.secrets.manager.state.SecretRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageResponse;

/** CreateSecret, PutSecretValue, UpdateSecret, UpdateSecretVersionStage. */
final class SecretWriteApi {
    private static final Logger LOG = LoggerFactory.getLogger(SecretWriteApi.class);

    private final SecretRecords records;
    private final SecretLookup lookup;
    private final Clock clock;

    SecretWriteApi(SecretRecords records, Clock clock) {
        this.records = records;
        this.lookup = new SecretLookup(records);
        this.clock = clock;
    }

    /** A request's value: a string or a binary, never both; empty when it has neither. */
    private record Value(String string, byte[] binary) {
        boolean present() {
            return !string.isEmpty() || binary.length > 0;
        }

        static Value of(String string, SdkBytes binary) {
            if (string != null && binary != null) {
                throw SecretsErrors.INVALID_PARAMETER.exception(
                        "You can't specify both a binary secret value and a string secret value in the same secret.");
            }
            return new Value(string == null ? "" : string, binary == null ? new byte[0] : binary.asByteArray());
        }
    }

    CreateSecretResponse create(CreateSecretRequest request, RequestContext ctx) {
        String name = request.name();
        if (!SecretNames.validName(name)) {
            throw SecretsErrors.INVALID_PARAMETER.exception("Invalid name. Must be a valid name containing alphanumeric characters, "
                    + "or any of the following: -/_+=.@!");
        }
        if (request.hasAddReplicaRegions()) {
            throw SecretsErrors.INVALID_PARAMETER.exception("berth does not replicate secrets to other regions.");
        }
        Value value = Value.of(request.secretString(), request.secretBinary());
        String versionId = request.clientRequestToken() == null ? UUID.randomUUID().toString() : request.clientRequestToken();
        Scope scope = ctx.scope();
        Optional<Versioned<Secret>> existing = records.find(scope, name);
        if (existing.isPresent()) {
            Secret secret = existing.get().value();
            if (secret.scheduledForDeletion()) {
                throw SecretsErrors.INVALID_REQUEST.exception("You can't create this secret because a secret with this name is"
                        + " already scheduled for deletion.");
            }
            Optional<SecretVersion> same = secret.version(versionId);
            if (request.clientRequestToken() != null && same.isPresent() && same.get().sameValue(value.string, value.binary)) {
                return CreateSecretResponse.builder().arn(secret.arn()).name(name).versionId(versionId).build();
            }
            throw SecretsErrors.RESOURCE_EXISTS.exception("The operation failed because the secret " + name + " already exists.");
        }
        long now = clock.millis();
        List<SecretVersion> versions = value.present()
                ? List.of(new SecretVersion(versionId, value.string, value.binary, now, List.of(SecretStages.CURRENT)))
                : List.of();
        Secret secret = Secret.created(scope, name, request.description() == null ? "" : request.description(),
                request.kmsKeyId() == null ? "" : request.kmsKeyId(), SecretMapping.fromSdk(request.tags()), now, versions);
        try {
            records.save(secret, Store.ABSENT);
        } catch (VersionConflict raced) {
            return create(request, ctx);
        }
        LOG.info("secret created: {} (account {}, region {})", name, scope.accountId(), scope.region());
        var response = CreateSecretResponse.builder().arn(secret.arn()).name(name);
        if (value.present()) response.versionId(versionId);
        return response.build();
    }

    PutSecretValueResponse put(PutSecretValueRequest request, RequestContext ctx) {
        Value value = Value.of(request.secretString(), request.secretBinary());
        if (!value.present()) {
            throw SecretsErrors.INVALID_PARAMETER.exception("You must provide either SecretString or SecretBinary.");
        }
        List<String> stages = request.hasVersionStages() ? List.copyOf(request.versionStages()) : List.of(SecretStages.CURRENT);
        String versionId = request.clientRequestToken() == null ? UUID.randomUUID().toString() : request.clientRequestToken();
        Added added = addVersion(request.secretId(), versionId, value, stages, ctx);
        return PutSecretValueResponse.builder().arn(added.secret.arn()).name(added.secret.name())
                .versionId(versionId).versionStages(added.version.stages()).build();
    }

    UpdateSecretResponse update(UpdateSecretRequest request, RequestContext ctx) {
        Value value = Value.of(request.secretString(), request.secretBinary());
        for (int attempt = 0; ; attempt++) {
            Versioned<Secret> found = lookup.requireLive(request.secretId(), ctx);
            Secret secret = found.value();
            Secret changed = secret.withDetails(
                    request.description() == null ? secret.description() : request.description(),
                    request.kmsKeyId() == null ? secret.kmsKeyId() : request.kmsKeyId(), clock.millis());
            if (!value.present()) {
                try {
                    records.save(changed, found.version());
                } catch (VersionConflict conflict) {
                    if (attempt < 10) continue;
                    throw conflict;
                }
                return UpdateSecretResponse.builder().arn(secret.arn()).name(secret.name()).build();
            }
            String versionId = request.clientRequestToken() == null ? UUID.randomUUID().toString() : request.clientRequestToken();
            try {
                Added added = addVersion(changed, found.version(), versionId, value, List.of(SecretStages.CURRENT));
                return UpdateSecretResponse.builder().arn(secret.arn()).name(secret.name()).versionId(added.version.versionId())
                        .build();
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    UpdateSecretVersionStageResponse moveStage(UpdateSecretVersionStageRequest request, RequestContext ctx) {
        String stage = request.versionStage();
        for (int attempt = 0; ; attempt++) {
            Versioned<Secret> found = lookup.requireLive(request.secretId(), ctx);
            Secret secret = found.value();
            Optional<SecretVersion> holder = secret.versionWithStage(stage);
            String removeFrom = request.removeFromVersionId();
            String moveTo = request.moveToVersionId();
            if (moveTo != null && secret.version(moveTo).isEmpty()) throw SecretsErrors.noValueForVersion(moveTo);
            if (removeFrom != null && (holder.isEmpty() || !holder.get().versionId().equals(removeFrom))) {
                throw SecretsErrors.INVALID_PARAMETER.exception("The staging label " + stage + " is not attached to version "
                        + removeFrom + ".");
            }
            if (moveTo != null && holder.isPresent() && removeFrom == null && !holder.get().versionId().equals(moveTo)) {
                throw SecretsErrors.INVALID_PARAMETER.exception("The staging label " + stage + " is currently attached to version "
                        + holder.get().versionId() + ". You must specify it as RemoveFromVersionId to move the label.");
            }
            if (moveTo == null && SecretStages.CURRENT.equals(stage)) {
                throw SecretsErrors.INVALID_PARAMETER.exception(
                        "You can't remove the staging label AWSCURRENT without moving it to another version.");
            }
            List<SecretVersion> versions = moveTo != null ? SecretStages.attach(secret.versions(), stage, moveTo)
                    : removeFrom != null ? SecretStages.detach(secret.versions(), stage, removeFrom) : secret.versions();
            try {
                records.save(secret.withVersions(versions, clock.millis()), found.version());
                return UpdateSecretVersionStageResponse.builder().arn(secret.arn()).name(secret.name()).build();
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    private record Added(Secret secret, SecretVersion version) {}

    private Added addVersion(String secretId, String versionId, Value value, List<String> stages, RequestContext ctx) {
        for (int attempt = 0; ; attempt++) {
            Versioned<Secret> found = lookup.requireLive(secretId, ctx);
            try {
                return addVersion(found.value(), found.version(), versionId, value, stages);
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    /** Adds a version (or recognises a repeated request for it); a ClientRequestToken never changes an existing version's value. */
    private Added addVersion(Secret secret, long recordVersion, String versionId, Value value, List<String> stages) {
        Optional<SecretVersion> existing = secret.version(versionId);
        if (existing.isPresent()) {
            if (existing.get().sameValue(value.string, value.binary)) return new Added(secret, existing.get());
            throw SecretsErrors.RESOURCE_EXISTS.exception("You can't modify an existing version, you can only create a new version.");
        }
        long now = clock.millis();
        SecretVersion version = new SecretVersion(versionId, value.string, value.binary, now, new ArrayList<>(stages));
        Secret changed = secret.withVersions(SecretStages.withNewVersion(secret.versions(), version), now);
        records.save(changed, recordVersion);
        return new Added(changed, changed.version(versionId).orElseThrow());
    }
}
