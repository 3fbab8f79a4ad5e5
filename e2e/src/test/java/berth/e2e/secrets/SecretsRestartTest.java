package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Secrets, their versions and sealed values, and parameters survive SIGKILL and a restart. */
class SecretsRestartTest {
    @TempDir
    Path home;

    private static SecretsManagerClient secrets(URI endpoint) {
        return SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SsmClient ssm(URI endpoint) {
        return SsmClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void everythingAcknowledgedIsThereAfterKill9() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of())) {
            SecretsManagerClient sm = secrets(berth.endpoint());
            SsmClient ssm = ssm(berth.endpoint());
            String arn = sm.createSecret(r -> r.name("app/db").secretString("first")).arn();
            sm.putSecretValue(r -> r.secretId("app/db").secretString("second"));
            sm.createSecret(r -> r.name("doomed").secretString("x"));
            sm.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L));
            ssm.putParameter(r -> r.name("/app/token").value("tok").type(ParameterType.SECURE_STRING));
            ssm.putParameter(r -> r.name("/app/token").value("tok2").overwrite(true));
            String cipher = ssm.getParameter(r -> r.name("/app/token")).parameter().value();

            berth.kill9();
            berth.restart();
            SecretsManagerClient sm2 = secrets(berth.endpoint());
            SsmClient ssm2 = ssm(berth.endpoint());
            assertThat(sm2.getSecretValue(r -> r.secretId(arn)).secretString()).isEqualTo("second");
            assertThat(sm2.getSecretValue(r -> r.secretId("app/db").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("first");
            assertThat(sm2.describeSecret(r -> r.secretId("doomed")).deletedDate()).isNotNull();
            assertThat(ssm2.getParameter(r -> r.name("/app/token").withDecryption(true)).parameter().value()).isEqualTo("tok2");
            assertThat(ssm2.getParameter(r -> r.name("/app/token:1").withDecryption(true)).parameter().value()).isEqualTo("tok");
            assertThat(ssm2.getParameter(r -> r.name("/app/token")).parameter().value()).isEqualTo(cipher);
        }
    }
}
