package berth.secrets;

import berth.iam.RequestResources;
import berth.secrets.manager.state.SecretRecords;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Which secret a Secrets Manager call acts on, for policy evaluation: the stored secret's full ARN
 * (with the random suffix policies name, or match with {@code NAME-??????}), found from the name,
 * partial or full ARN the request's {@code SecretId} gives. A secret that does not exist is named by
 * the request's ARN, or by {@code secret:NAME} built from its name.
 */
final class SecretResources {
    private static final List<String> BY_SECRET_ID = List.of("GetSecretValue", "DescribeSecret", "PutSecretValue",
            "UpdateSecret", "UpdateSecretVersionStage", "DeleteSecret", "RestoreSecret", "ListSecretVersionIds",
            "TagResource", "UntagResource");

    private SecretResources() {
    }

    static void register(RequestResources table, SecretRecords secrets) {
        for (String operation : BY_SECRET_ID) {
            table.register("secretsmanager:" + operation, (request, scope) -> secretId(request)
                    .map(id -> List.of(arn(secrets, id, scope))).orElse(List.of()));
        }
    }

    private static String arn(SecretRecords secrets, String id, RequestResources.Scope scope) {
        return secrets.findById(id, scope.accountId(), scope.region())
                .map(found -> found.secret().arn())
                .orElseGet(() -> id.startsWith("arn:") ? id
                        : "arn:aws:secretsmanager:" + scope.region() + ":" + scope.accountId() + ":secret:" + id);
    }

    private static Optional<String> secretId(SdkPojo request) {
        for (SdkField<?> field : request.sdkFields()) {
            if (field.memberName().equals("SecretId") && field.getValueOrDefault(request) instanceof String id
                    && !id.isEmpty()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
