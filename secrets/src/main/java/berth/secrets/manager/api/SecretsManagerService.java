package berth.secrets.manager.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.secrets.manager.state.SecretRecords;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyRequest;
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
public final class SecretsManagerService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("secretsmanager");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("secretsmanager",
            "software.amazon.awssdk.services.secretsmanager.model");

    public SecretsManagerService(SecretRecords records, Clock clock) {
        super(MODEL, DESCRIPTION);
        SecretWriteApi write = new SecretWriteApi(records, clock);
        SecretReadApi read = new SecretReadApi(records, clock);
        SecretLifecycleApi lifecycle = new SecretLifecycleApi(records, clock);
        add("CreateSecret", (OperationHandler<CreateSecretRequest, ?>) write::create);
        add("PutSecretValue", (OperationHandler<PutSecretValueRequest, ?>) write::put);
        add("UpdateSecret", (OperationHandler<UpdateSecretRequest, ?>) write::update);
        add("UpdateSecretVersionStage", (OperationHandler<UpdateSecretVersionStageRequest, ?>) write::moveStage);
        add("GetSecretValue", (OperationHandler<GetSecretValueRequest, ?>) read::getValue);
        add("DescribeSecret", (OperationHandler<DescribeSecretRequest, ?>) read::describe);
        add("ListSecrets", (OperationHandler<ListSecretsRequest, ?>) read::list);
        add("ListSecretVersionIds", (OperationHandler<ListSecretVersionIdsRequest, ?>) read::listVersions);
        add("DeleteSecret", (OperationHandler<DeleteSecretRequest, ?>) lifecycle::delete);
        add("RestoreSecret", (OperationHandler<RestoreSecretRequest, ?>) lifecycle::restore);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) lifecycle::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) lifecycle::untag);
        SecretPolicyApi policies = new SecretPolicyApi(records, clock);
        add("PutResourcePolicy", (OperationHandler<PutResourcePolicyRequest, ?>) policies::put);
        add("GetResourcePolicy", (OperationHandler<GetResourcePolicyRequest, ?>) policies::get);
        add("DeleteResourcePolicy", (OperationHandler<DeleteResourcePolicyRequest, ?>) policies::delete);
        add("ValidateResourcePolicy", (OperationHandler<ValidateResourcePolicyRequest, ?>) policies::validate);
    }
}
