package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed and nonsensical Secrets Manager and Parameter Store requests get 4xx errors, never a 5xx. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "secrets")
class SecretsBadInputTest {
    private static final List<String> SECRETS_OPERATIONS = List.of("CreateSecret", "GetSecretValue", "PutSecretValue",
            "UpdateSecret", "DescribeSecret", "ListSecrets", "DeleteSecret", "RestoreSecret", "TagResource", "UntagResource",
            "ListSecretVersionIds", "UpdateSecretVersionStage");
    private static final List<String> SECRETS_FIELDS = List.of("Name", "SecretId", "SecretString", "SecretBinary",
            "ClientRequestToken", "VersionId", "VersionStage", "VersionStages", "RecoveryWindowInDays",
            "ForceDeleteWithoutRecovery", "Filters", "MaxResults", "NextToken", "Tags", "TagKeys", "Description",
            "MoveToVersionId", "RemoveFromVersionId", "IncludePlannedDeletion");
    private static final List<String> SSM_OPERATIONS = List.of("PutParameter", "GetParameter", "GetParameters",
            "GetParametersByPath", "DeleteParameter", "DeleteParameters", "DescribeParameters", "GetParameterHistory",
            "AddTagsToResource", "RemoveTagsFromResource", "ListTagsForResource");
    private static final List<String> SSM_FIELDS = List.of("Name", "Names", "Value", "Type", "Overwrite", "KeyId", "Tier",
            "Path", "Recursive", "ParameterFilters", "Filters", "MaxResults", "NextToken", "WithDecryption", "AllowedPattern",
            "DataType", "Tags", "ResourceType", "ResourceId", "TagKeys", "Policies");
    private static final Object[] VALUES = {"\"x\"", "\"/a/b\"", "\"\"", "null", "0", "-1", "7", "99999999999999999999",
            "true", "[]", "{}", "[\"a\"]", "[{\"Key\":\"name\",\"Values\":[\"a\"]}]", "[{\"Key\":\"Type\",\"Values\":[\"Nope\"]}]",
            "\"arn:aws:secretsmanager:us-east-1:000000000000:secret:x-AbCdEf\"", "\"arn:aws:ssm:us-east-1:000000000000:parameter/a\"",
            "\"String\"", "\"SecureString\"", "\"Advanced\"", "\"" + "z".repeat(5000) + "\"", "\"aGVsbG8=\"", "\"!!!\"",
            "\"12345678-1234-1234-1234-123456789012\"", "\"AWSCURRENT\"", "\"Parameter\"", "[{\"Key\":\"k\",\"Value\":\"v\"}]"};

    private final RawAws raw;
    private final ObjectMapper json = new ObjectMapper();

    SecretsBadInputTest(URI endpoint) {
        this.raw = new RawAws(endpoint);
    }

    private RawAws.Answer call(String target, String service, String body) throws Exception {
        return raw.signed("POST", "/", RawAws.json11(target), body.getBytes(StandardCharsets.UTF_8), service, "us-east-1",
                "test", "test");
    }

    @Test
    void specificMistakesGetTheirAwsErrors() throws Exception {
        RawAws.Answer created = call("secretsmanager.CreateSecret", "secretsmanager", "{\"Name\":\"s\",\"SecretString\":\"v\"}");
        assertThat(created.status()).isEqualTo(200);
        expect(call("secretsmanager.GetSecretValue", "secretsmanager", "{}"), "ValidationException");
        expect(call("secretsmanager.GetSecretValue", "secretsmanager", "{\"SecretId\":\"nope\"}"), "ResourceNotFoundException");
        expect(call("secretsmanager.CreateSecret", "secretsmanager", "{\"Name\":\"t\",\"ClientRequestToken\":\"short\"}"),
                "ValidationException");
        expect(call("secretsmanager.ListSecrets", "secretsmanager", "{\"NextToken\":\"forged\"}"), "InvalidNextTokenException");
        expect(call("secretsmanager.ListSecrets", "secretsmanager", "{\"Filters\":[{\"Key\":\"colour\",\"Values\":[\"x\"]}]}"),
                "ValidationException");
        expect(call("secretsmanager.CreateSecret", "secretsmanager", "{\"Name\":"), "SerializationException");
        expect(call("AmazonSSM.PutParameter", "ssm", "{\"Name\":\"/p\",\"Value\":\"v\",\"Type\":\"Text\"}"), "ValidationException");
        expect(call("AmazonSSM.GetParametersByPath", "ssm", "{\"Path\":\"no-slash\"}"), "ValidationException");
        expect(call("AmazonSSM.DescribeParameters", "ssm", "{\"NextToken\":\"forged\"}"), "InvalidNextToken");
        expect(call("AmazonSSM.GetParameters", "ssm", "{\"Names\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}"),
                "ValidationException");
        expect(call("AmazonSSM.PutParameter", "ssm", "{\"Name\":\"/p\",\"Value\":\"v\",\"Type\":\"String\",\"Policies\":\"[]\"}"),
                "ValidationException");
    }

    private void expect(RawAws.Answer answer, String code) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(json.readTree(answer.body()).path("__type").asText()).as(answer.body()).endsWith(code);
    }

    @Test
    void randomBodiesNeverCauseServerErrors() throws Exception {
        Random random = new Random(20261126);
        int sent = fuzz(random, "secretsmanager.", "secretsmanager", SECRETS_OPERATIONS, SECRETS_FIELDS)
                + fuzz(random, "AmazonSSM.", "ssm", SSM_OPERATIONS, SSM_FIELDS);
        assertThat(sent).isEqualTo((SECRETS_OPERATIONS.size() + SSM_OPERATIONS.size()) * 25);
        assertThat(call("secretsmanager.ListSecrets", "secretsmanager", "{}").status()).isEqualTo(200);
        assertThat(call("AmazonSSM.DescribeParameters", "ssm", "{}").status()).isEqualTo(200);
    }

    private int fuzz(Random random, String prefix, String service, List<String> operations, List<String> fields) throws Exception {
        int sent = 0;
        for (String operation : operations) {
            for (int i = 0; i < 25; i++) {
                StringBuilder body = new StringBuilder("{");
                int count = 1 + random.nextInt(4);
                for (int f = 0; f < count; f++) {
                    if (f > 0) body.append(',');
                    body.append('"').append(fields.get(random.nextInt(fields.size()))).append("\":")
                            .append(VALUES[random.nextInt(VALUES.length)]);
                }
                body.append('}');
                RawAws.Answer answer = call(prefix + operation, service, body.toString());
                String shown = body.length() > 200 ? body.substring(0, 200) : body.toString();
                assertThat(answer.status()).as(operation + " " + shown + " -> " + answer.body()).isLessThan(500);
                sent++;
            }
        }
        return sent;
    }
}
