package berth.secrets.manager.api;

import berth.aws.AwsService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.secrets.manager.state.SecretRecords;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;

/** Secrets Manager on AWS JSON 1.1, target prefix {@code secretsmanager}. */
public final class SecretsManagerService implements AwsService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("secretsmanager");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("secretsmanager",
            "software.amazon.awssdk.services.secretsmanager.model");

    private final Map<String, OperationHandler<?, ?>> operations = new HashMap<>();

    public SecretsManagerService(SecretRecords records, Clock clock) {
        SecretWriteApi write = new SecretWriteApi(records, clock);
        SecretReadApi read = new SecretReadApi(records, clock);
        SecretLifecycleApi lifecycle = new SecretLifecycleApi(records, clock);
        operations.put("CreateSecret", (OperationHandler<CreateSecretRequest, ?>) write::create);
        operations.put("PutSecretValue", (OperationHandler<PutSecretValueRequest, ?>) write::put);
        operations.put("UpdateSecret", (OperationHandler<UpdateSecretRequest, ?>) write::update);
        operations.put("UpdateSecretVersionStage", (OperationHandler<UpdateSecretVersionStageRequest, ?>) write::moveStage);
        operations.put("GetSecretValue", (OperationHandler<GetSecretValueRequest, ?>) read::getValue);
        operations.put("DescribeSecret", (OperationHandler<DescribeSecretRequest, ?>) read::describe);
        operations.put("ListSecrets", (OperationHandler<ListSecretsRequest, ?>) read::list);
        operations.put("ListSecretVersionIds", (OperationHandler<ListSecretVersionIdsRequest, ?>) read::listVersions);
        operations.put("DeleteSecret", (OperationHandler<DeleteSecretRequest, ?>) lifecycle::delete);
        operations.put("RestoreSecret", (OperationHandler<RestoreSecretRequest, ?>) lifecycle::restore);
        operations.put("TagResource", (OperationHandler<TagResourceRequest, ?>) lifecycle::tag);
        operations.put("UntagResource", (OperationHandler<UntagResourceRequest, ?>) lifecycle::untag);
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Optional<ServiceDescription> description() {
        return Optional.of(DESCRIPTION);
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        return Map.copyOf(operations);
    }
}
