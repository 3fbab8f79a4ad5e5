package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * A secret's resource-based policy: kept, described, validated and deleted, and evaluated beside the
 * caller's own policies: an Allow naming a user lets it read the secret without any identity-based
 * policy, an explicit Deny refuses a user whose own policy allows.
 */
@BerthTest(accountId = "555566667777")
class SecretPoliciesTest {
    private static final String ACCOUNT = "555566667777";

    private final URI endpoint;
    private final SecretsManagerClient secrets;
    private final IamClient iam;

    SecretPoliciesTest(URI endpoint, SecretsManagerClient secrets, IamClient iam) {
        this.endpoint = endpoint;
        this.secrets = secrets;
        this.iam = iam;
    }

    @Test
    void aPolicyIsKeptDescribedValidatedAndDeleted() {
        String arn = secrets.createSecret(r -> r.name("kept").secretString("v")).arn();
        assertThat(secrets.getResourcePolicy(r -> r.secretId("kept")).resourcePolicy()).isNull();

        String policy = allow("arn:aws:iam::" + ACCOUNT + ":root", "secretsmanager:GetSecretValue");
        var put = secrets.putResourcePolicy(r -> r.secretId("kept").resourcePolicy(policy));
        assertThat(put.arn()).isEqualTo(arn);
        var got = secrets.getResourcePolicy(r -> r.secretId(arn));
        assertThat(got.name()).isEqualTo("kept");
        assertThat(got.resourcePolicy()).isEqualTo(policy);

        assertThat(secrets.validateResourcePolicy(r -> r.resourcePolicy(policy)).policyValidationPassed()).isTrue();
        var invalid = secrets.validateResourcePolicy(r -> r.resourcePolicy("{\"Statement\":[{\"Effect\":\"Allow\"}]}"));
        assertThat(invalid.policyValidationPassed()).isFalse();
        assertThat(invalid.validationErrors()).isNotEmpty();
        assertThatThrownBy(() -> secrets.putResourcePolicy(r -> r.secretId("kept").resourcePolicy("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> secrets.putResourcePolicy(r -> r.secretId("kept").blockPublicPolicy(true)
                .resourcePolicy(allow("*", "secretsmanager:GetSecretValue"))))
                .isInstanceOf(PublicPolicyException.class);
        assertThat(secrets.getResourcePolicy(r -> r.secretId("kept")).resourcePolicy())
                .as("a refused policy changes nothing").isEqualTo(policy);

        secrets.deleteResourcePolicy(r -> r.secretId("kept"));
        assertThat(secrets.getResourcePolicy(r -> r.secretId("kept")).resourcePolicy()).isNull();
    }

    @Test
    void theSecretsPolicyGrantsAndDeniesBesideTheCallersOwn() {
        String granted = secrets.createSecret(r -> r.name("granted").secretString("for-reader")).arn();
        String denied = secrets.createSecret(r -> r.name("denied").secretString("not-for-reader")).arn();
        iam.createUser(r -> r.userName("reader"));
        String reader = "arn:aws:iam::" + ACCOUNT + ":user/reader";
        iam.putUserPolicy(r -> r.userName("reader").policyName("own").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
                 "Resource":"%s"}]}""".formatted(denied)));
        AccessKey key = iam.createAccessKey(r -> r.userName("reader")).accessKey();

        try (SecretsManagerClient asReader = SecretsManagerClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
            assertThatThrownBy(() -> asReader.getSecretValue(r -> r.secretId(granted)))
                    .isInstanceOfSatisfying(SecretsManagerException.class, e -> assertThat(code(e))
                            .isEqualTo("AccessDeniedException"));

            secrets.putResourcePolicy(r -> r.secretId(granted).resourcePolicy(allow(reader,
                    "secretsmanager:GetSecretValue")));
            assertThat(asReader.getSecretValue(r -> r.secretId(granted)).secretString()).isEqualTo("for-reader");

            assertThat(asReader.getSecretValue(r -> r.secretId(denied)).secretString()).isEqualTo("not-for-reader");
            secrets.putResourcePolicy(r -> r.secretId(denied).resourcePolicy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"%s"},
                     "Action":"secretsmanager:*","Resource":"*"}]}""".formatted(reader)));
            assertThatThrownBy(() -> asReader.getSecretValue(r -> r.secretId(denied)))
                    .isInstanceOfSatisfying(SecretsManagerException.class, e -> assertThat(code(e))
                            .isEqualTo("AccessDeniedException"))
                    .hasMessageContaining("explicit deny in a resource-based policy");
        }
    }

    private static String code(SecretsManagerException e) {
        return e.awsErrorDetails().errorCode();
    }

    private static String allow(String principal, String action) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"%s",\
                "Resource":"*"}]}""".formatted(principal, action);
    }
}
