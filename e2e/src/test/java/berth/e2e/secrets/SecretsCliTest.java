package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secrets Manager and Parameter Store through the {@code aws} CLI, v1 and v2. */
@BerthTest
class SecretsCliTest {
    static List<AwsCli> clis;
    private final URI endpoint;

    SecretsCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void findClis() {
        clis = AwsCli.installed();
        assertThat(clis).isNotEmpty();
    }

    private AwsCli.Result ok(AwsCli aws, String... args) throws Exception {
        AwsCli.Result result = aws.run(endpoint, "test", "test", args);
        assertThat(result.exitCode()).as(aws + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    @Test
    void secretsRoundTrip() throws Exception {
        for (AwsCli aws : clis) {
            String name = "cli/secret-" + Math.abs(aws.toString().hashCode());
            AwsCli.Result created = ok(aws, "secretsmanager", "create-secret", "--name", name, "--secret-string", "{\"pw\":\"one\"}");
            assertThat(created.stdout()).containsPattern("\"ARN\": \"arn:aws:secretsmanager:us-east-1:000000000000:secret:"
                    + name + "-[A-Za-z0-9]{6}\"");
            assertThat(ok(aws, "secretsmanager", "get-secret-value", "--secret-id", name).stdout())
                    .contains("\"SecretString\": \"{\\\"pw\\\":\\\"one\\\"}\"").contains("AWSCURRENT");
            ok(aws, "secretsmanager", "put-secret-value", "--secret-id", name, "--secret-string", "two");
            assertThat(ok(aws, "secretsmanager", "get-secret-value", "--secret-id", name, "--version-stage", "AWSPREVIOUS")
                    .stdout()).contains("\"SecretString\": \"{\\\"pw\\\":\\\"one\\\"}\"");
            assertThat(ok(aws, "secretsmanager", "describe-secret", "--secret-id", name).stdout()).contains("VersionIdsToStages");
            assertThat(ok(aws, "secretsmanager", "list-secrets").stdout()).contains(name);
            ok(aws, "secretsmanager", "delete-secret", "--secret-id", name, "--recovery-window-in-days", "7");
            AwsCli.Result deleted = aws.run(endpoint, "test", "test", "secretsmanager", "get-secret-value", "--secret-id", name);
            assertThat(deleted.exitCode()).isNotZero();
            assertThat(deleted.stderr()).contains("InvalidRequestException").contains("marked for deletion");
            ok(aws, "secretsmanager", "delete-secret", "--secret-id", name, "--force-delete-without-recovery");
            AwsCli.Result gone = aws.run(endpoint, "test", "test", "secretsmanager", "describe-secret", "--secret-id", name);
            assertThat(gone.stderr()).contains("ResourceNotFoundException");
        }
    }

    @Test
    void parametersRoundTrip() throws Exception {
        for (AwsCli aws : clis) {
            String path = "/cli/p" + Math.abs(aws.toString().hashCode());
            ok(aws, "ssm", "put-parameter", "--name", path + "/token", "--value", "s3cr3t", "--type", "SecureString");
            ok(aws, "ssm", "put-parameter", "--name", path + "/deep/host", "--value", "db.local", "--type", "String");
            assertThat(ok(aws, "ssm", "get-parameter", "--name", path + "/token", "--with-decryption").stdout())
                    .contains("\"Value\": \"s3cr3t\"").contains("\"Version\": 1");
            assertThat(ok(aws, "ssm", "get-parameter", "--name", path + "/token").stdout()).doesNotContain("s3cr3t");
            AwsCli.Result byPath = ok(aws, "ssm", "get-parameters-by-path", "--path", path, "--recursive", "--with-decryption");
            assertThat(byPath.stdout()).contains("s3cr3t").contains("db.local");
            AwsCli.Result exists = aws.run(endpoint, "test", "test", "ssm", "put-parameter", "--name", path + "/token",
                    "--value", "x", "--type", "String");
            assertThat(exists.stderr()).contains("ParameterAlreadyExists");
            ok(aws, "ssm", "delete-parameter", "--name", path + "/token");
            AwsCli.Result missing = aws.run(endpoint, "test", "test", "ssm", "get-parameter", "--name", path + "/token");
            assertThat(missing.stderr()).contains("ParameterNotFound");
        }
    }
}
