package berth.agent.loop;

import berth.agent.core.Step;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.RegistryAuth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What a task needs from Secrets Manager and SSM Parameter Store before its containers run, fetched
 * the way ECS's agent fetches it, through the public APIs at the control plane's endpoint: the
 * values of {@code secrets} ({@code arn:…:secret:NAME[:json-key[:version-stage[:version-id]]]}, an SSM
 * parameter ARN, or a parameter name) and {@code repositoryCredentials} (a secret holding JSON
 * {@code username} and {@code password}).
 */
final class ExecutionSecrets implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: "
            + "execution resource retrieval failed: ";

    private final AwsEndpoint endpoint;
    private final ExecutionRoles roles;
    private final Map<String, SecretsManagerClient> secretsManagers = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> parameterStores = new ConcurrentHashMap<>();

    ExecutionSecrets(AwsEndpoint endpoint, ExecutionRoles roles) {
        this.roles = roles;
        this.endpoint = endpoint;
    }

    /** Why a value could not be fetched, as ECS words a task's stopped reason for it. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    /** The environment variables {@code secrets} stand for, by name. */
    Map<String, String> environment(String taskArn, List<Step.SecretReference> secrets) throws Unavailable {
        var asRole = roles.of(taskArn);
        Map<String, String> env = new LinkedHashMap<>();
        for (Step.SecretReference secret : secrets) {
            env.put(secret.name(), value(secret.valueFrom(), asRole));
        }
        return env;
    }

    /** Private registry credentials for pulling {@code image}. */
    RegistryAuth registryAuth(String taskArn, String secretArn, ImageRef image) throws Unavailable {
        JsonNode json = json(fromSecretsManager(secretArn, "", "", "", roles.of(taskArn)), secretArn);
        String username = json.path("username").asText("");
        String password = json.path("password").asText("");
        if (username.isEmpty() || password.isEmpty()) {
            throw new Unavailable(PREFIX + "unable to retrieve secret from asm: the secret " + secretArn
                    + " does not hold a username and a password");
        }
        return new RegistryAuth(username, password, image.registry());
    }

    private String value(String valueFrom, Consumer<AwsRequestOverrideConfiguration.Builder> asRole)
            throws Unavailable {
        if (valueFrom.startsWith("arn:aws:secretsmanager:")) {
            String[] parts = valueFrom.split(":", -1);
            if (parts.length < 7) {
                throw new Unavailable(PREFIX + "unable to retrieve secret from asm: invalid secret ARN " + valueFrom);
            }
            String secretId = String.join(":", List.of(parts).subList(0, 7));
            String jsonKey = parts.length > 7 ? parts[7] : "";
            String stage = parts.length > 8 ? parts[8] : "";
            String version = parts.length > 9 ? parts[9] : "";
            String value = fromSecretsManager(secretId, parts[3], stage, version, asRole);
            if (jsonKey.isEmpty()) {
                return value;
            }
            JsonNode field = json(value, secretId).get(jsonKey);
            if (field == null) {
                throw new Unavailable(PREFIX + "unable to retrieve secret from asm: service call has been retried 1"
                        + " time(s): retrieved secret from Secrets Manager did not contain json key " + jsonKey);
            }
            return field.isTextual() ? field.asText() : field.toString();
        }
        String region = valueFrom.startsWith("arn:aws:ssm:") ? valueFrom.split(":", -1)[3] : endpoint.region();
        try {
            // GetParameters, as the ECS agent asks, so an execution role granted ssm:GetParameters suffices
            var found = parameterStore(region).getParameters(b -> b.names(valueFrom).withDecryption(true)
                    .overrideConfiguration(asRole));
            if (found.parameters().isEmpty()) {
                throw new Unavailable(PREFIX + "unable to retrieve secrets from ssm: service call has been retried 1"
                        + " time(s): invalid parameters: " + String.join(", ", found.invalidParameters()));
            }
            return found.parameters().get(0).value();
        } catch (SdkException e) {
            throw new Unavailable(PREFIX + "unable to retrieve secrets from ssm: service call has been retried 1"
                    + " time(s): " + message(e));
        }
    }

    private String fromSecretsManager(String secretId, String region, String stage, String version,
                                      Consumer<AwsRequestOverrideConfiguration.Builder> asRole) throws Unavailable {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(secretId)
                .overrideConfiguration(asRole);
        if (!stage.isEmpty()) {
            request.versionStage(stage);
        }
        if (!version.isEmpty()) {
            request.versionId(version);
        }
        try {
            String value = secretsManager(region.isEmpty() ? endpoint.region() : region)
                    .getSecretValue(request.build()).secretString();
            if (value == null) {
                throw new Unavailable(PREFIX + "unable to retrieve secret from asm: the secret " + secretId
                        + " holds a binary value");
            }
            return value;
        } catch (SdkException e) {
            throw new Unavailable(PREFIX + "unable to retrieve secret from asm: service call has been retried 1"
                    + " time(s): " + message(e));
        }
    }

    private static JsonNode json(String value, String secretId) throws Unavailable {
        try {
            JsonNode json = JSON.readTree(value);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw new Unavailable(PREFIX + "unable to retrieve secret from asm: the secret " + secretId
                + " is not a JSON object");
    }

    private static String message(SdkException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    private SecretsManagerClient secretsManager(String region) {
        return secretsManagers.computeIfAbsent(region, r -> SecretsManagerClient.builder()
                .endpointOverride(endpoint.endpoint()).region(Region.of(r)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build());
    }

    private SsmClient parameterStore(String region) {
        return parameterStores.computeIfAbsent(region, r -> SsmClient.builder()
                .endpointOverride(endpoint.endpoint()).region(Region.of(r)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build());
    }

    private software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials() {
        return endpoint.credentials();
    }

    @Override
    public void close() {
        secretsManagers.values().forEach(SecretsManagerClient::close);
        parameterStores.values().forEach(SsmClient::close);
    }
}
