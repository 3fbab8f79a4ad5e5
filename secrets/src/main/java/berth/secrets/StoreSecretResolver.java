package berth.secrets;

import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretStages;
import berth.secrets.manager.core.SecretVersion;
import berth.secrets.manager.state.SecretRecords;
import berth.secrets.ssm.state.ParameterLookup;
import berth.secrets.ssm.state.ParameterRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** {@link SecretResolver} over the secrets and parameters in the store. */
final class StoreSecretResolver implements SecretResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "ResourceNotFoundException: Secrets Manager can't find the specified secret.";

    private final SecretRecords secrets;
    private final ParameterRecords parameters;

    StoreSecretResolver(SecretRecords secrets, ParameterRecords parameters) {
        this.secrets = secrets;
        this.parameters = parameters;
    }

    @Override
    public Resolution resolve(String accountId, String region, String valueFrom) {
        if (valueFrom == null || valueFrom.isBlank()) {
            return new Failed(Reason.INVALID_REFERENCE, String.valueOf(valueFrom), "invalid secret reference: empty valueFrom");
        }
        String service = valueFrom.startsWith("arn:") && valueFrom.split(":", 4).length > 2 ? valueFrom.split(":", 4)[2] : "";
        if (service.equals("secretsmanager")) return fromSecretsManager(accountId, valueFrom);
        if (valueFrom.startsWith("arn:") && !service.equals("ssm")) {
            return new Failed(Reason.INVALID_REFERENCE, valueFrom, "invalid secret reference: " + valueFrom
                    + " is neither a Secrets Manager nor an SSM parameter ARN");
        }
        return fromParameterStore(accountId, region, valueFrom);
    }

    /** {@code arn:aws:secretsmanager:region:account:secret:NAME[:json-key[:version-stage[:version-id]]]}. */
    private Resolution fromSecretsManager(String accountId, String valueFrom) {
        String[] parts = valueFrom.split(":", 7);
        if (parts.length != 7 || !parts[5].equals("secret") || parts[6].isEmpty()) {
            return new Failed(Reason.INVALID_REFERENCE, valueFrom, "invalid secret reference: " + valueFrom);
        }
        String[] selector = parts[6].split(":", -1);
        if (selector.length > 4) {
            return new Failed(Reason.INVALID_REFERENCE, valueFrom, "invalid secret reference: " + valueFrom);
        }
        String secretArn = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], selector[0]);
        String jsonKey = selector.length > 1 ? selector[1] : "";
        String stage = selector.length > 2 ? selector[2] : "";
        String versionId = selector.length > 3 ? selector[3] : "";
        String fetchFailed = "failed to fetch secret " + secretArn + " from secrets manager: ";
        if (!parts[4].equals(accountId)) return new Failed(Reason.SECRET_NOT_FOUND, valueFrom, fetchFailed + NOT_FOUND);
        Optional<SecretRecords.Versioned> found = secrets.findById(secretArn, parts[4], parts[3]);
        if (found.isEmpty()) return new Failed(Reason.SECRET_NOT_FOUND, valueFrom, fetchFailed + NOT_FOUND);
        Secret secret = found.get().secret();
        if (secret.scheduledForDeletion()) {
            return new Failed(Reason.SECRET_MARKED_FOR_DELETION, valueFrom, fetchFailed
                    + "InvalidRequestException: You can't perform this operation on the secret because it was marked for deletion.");
        }
        if (!(SecretStages.select(secret, versionId, stage) instanceof SecretStages.Found selected)) {
            String what = !versionId.isEmpty() ? "VersionId: " + versionId : "staging label: " + (stage.isEmpty() ? "AWSCURRENT" : stage);
            return new Failed(Reason.SECRET_VERSION_NOT_FOUND, valueFrom, fetchFailed
                    + "ResourceNotFoundException: Secrets Manager can't find the specified secret value for " + what);
        }
        SecretVersion version = selected.version();
        if (!version.hasString()) {
            return new Failed(Reason.SECRET_NOT_A_STRING, valueFrom,
                    "retrieved secret " + secretArn + " from Secrets Manager holds a binary value, not a string");
        }
        if (jsonKey.isEmpty()) return new Resolved(version.secretString());
        JsonNode object;
        try {
            object = JSON.readTree(version.secretString());
        } catch (JsonProcessingException e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            return new Failed(Reason.SECRET_NOT_JSON, valueFrom, "failed to unmarshal secret value of secret " + secretArn
                    + ": the value is not a JSON object");
        }
        JsonNode value = object.get(jsonKey);
        if (value == null) {
            return new Failed(Reason.JSON_KEY_NOT_FOUND, valueFrom,
                    "retrieved secret from Secrets Manager did not contain json key " + jsonKey);
        }
        return new Resolved(value.isTextual() ? value.asText() : value.toString());
    }

    private Resolution fromParameterStore(String accountId, String region, String valueFrom) {
        String lookupRegion = region;
        if (valueFrom.startsWith("arn:")) {
            String[] parts = valueFrom.split(":", 6);
            if (parts.length == 6 && parts[4].equals(accountId)) lookupRegion = parts[3];
        }
        return switch (ParameterLookup.find(parameters, valueFrom, accountId, lookupRegion)) {
            case ParameterLookup.Hit hit -> new Resolved(hit.found().version().value());
            default -> new Failed(Reason.PARAMETER_NOT_FOUND, valueFrom, "invalid parameters: " + valueFrom);
        };
    }
}
