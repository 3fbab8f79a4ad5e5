package berth.secrets;

import berth.aws.Scope;
import berth.iam.RequestFields;
import berth.iam.RequestResources;
import berth.secrets.manager.core.SecretNames;
import berth.secrets.manager.state.SecretRecords;
import berth.secrets.ssm.core.ParameterNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Which secret or parameter a Secrets Manager or SSM call acts on, for policy evaluation. A secret is
 * named by the stored secret's full ARN (with the random suffix policies name, or match with
 * {@code NAME-??????}), found from the name, partial or full ARN the request's {@code SecretId}
 * gives; a secret that does not exist by the request's ARN, or by {@code secret:NAME}. A parameter is
 * {@code arn:aws:ssm:REGION:ACCOUNT:parameter/NAME} of its {@code Name}, {@code Names} or
 * {@code Path}, without a {@code :version} or {@code :label} selector.
 */
final class SecretResources {
    private static final List<String> BY_SECRET_ID = List.of("GetSecretValue", "DescribeSecret", "PutSecretValue",
            "UpdateSecret", "UpdateSecretVersionStage", "DeleteSecret", "RestoreSecret", "ListSecretVersionIds",
            "TagResource", "UntagResource", "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy");

    private static final List<String> BY_PARAMETER_NAME = List.of("GetParameter", "PutParameter", "DeleteParameter",
            "GetParameterHistory", "LabelParameterVersion", "UnlabelParameterVersion");

    private SecretResources() {
    }

    static void register(RequestResources table, SecretRecords secrets) {
        for (String operation : BY_SECRET_ID) {
            table.register("secretsmanager:" + operation, (request, caller) -> secretId(request)
                    .map(id -> List.of(arn(secrets, id, caller.scope()))).orElse(List.of()));
        }
        table.registerPolicies("arn:aws:secretsmanager:", arn -> secrets.findByArn(arn)
                .map(found -> found.value().resourcePolicy()).filter(p -> !p.isEmpty()));
        BY_PARAMETER_NAME.forEach(op -> table.register("ssm:" + op, (request, caller) ->
                RequestFields.string(request, "Name").map(name -> List.of(parameterArn(name, caller.scope()))).orElse(List.of())));
        List.of("GetParameters", "DeleteParameters").forEach(op -> table.register("ssm:" + op, (request, caller) ->
                RequestFields.strings(request, "Names").stream().map(name -> parameterArn(name, caller.scope())).toList()));
        table.register("ssm:GetParametersByPath", (request, caller) -> RequestFields.string(request, "Path")
                .map(path -> List.of(parameterArn(path.length() > 1 && path.endsWith("/")
                        ? path.substring(0, path.length() - 1) : path, caller.scope()))).orElse(List.of()));
    }

    private static String parameterArn(String nameOrArn, Scope scope) {
        if (nameOrArn.startsWith("arn:")) {
            String[] parts = nameOrArn.split(":", 7);
            return parts.length == 7 ? String.join(":", List.of(parts).subList(0, 6)) : nameOrArn;
        }
        int selector = nameOrArn.indexOf(':');
        String name = selector < 0 ? nameOrArn : nameOrArn.substring(0, selector);
        return ParameterNames.arn(scope, name);
    }

    private static String arn(SecretRecords secrets, String id, Scope scope) {
        return secrets.findById(id, scope)
                .map(found -> found.value().arn())
                .orElseGet(() -> id.startsWith("arn:") ? id : SecretNames.arn(scope, id));
    }

    private static Optional<String> secretId(SdkPojo request) {
        return RequestFields.string(request, "SecretId").filter(id -> !id.isEmpty());
    }
}
