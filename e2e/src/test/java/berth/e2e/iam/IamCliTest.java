package berth.e2e.iam;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM and STS through the real aws CLI, v1 and v2: documents as files, decoded policies, refusals. */
@BerthTest(accountId = "222233334444")
class IamCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;

    IamCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Test
    void usersRolesAndPoliciesThroughTheCli(@TempDir Path files) throws Exception {
        Path trust = Files.writeString(files.resolve("trust.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "222233334444"}, "Action": "sts:AssumeRole"}]}""");
        Path ecsInEast = Files.writeString(files.resolve("ecs.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecs:ListClusters", "Resource": "*",
                  "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]}""");
        Path noResource = Files.writeString(files.resolve("bad.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecs:*"}]}""");
        int n = 0;
        for (AwsCli cli : AwsCli.installed()) {
            String suffix = Integer.toString(n++);
            String role = "cli-role-" + suffix;
            String user = "cli-user-" + suffix;

            JsonNode created = ok(cli, "test", "test", "iam", "create-role", "--role-name", role, "--path", "/cli/",
                    "--assume-role-policy-document", "file://" + trust);
            assertThat(created.at("/Role/Arn").asText()).isEqualTo("arn:aws:iam::222233334444:role/cli/" + role);
            JsonNode fetched = ok(cli, "test", "test", "iam", "get-role", "--role-name", role);
            assertThat(fetched.at("/Role/AssumeRolePolicyDocument/Statement/0/Principal/AWS").asText())
                    .as(cli + " decodes the URL-encoded document").isEqualTo("222233334444");

            AwsCli.Result malformed = cli.run(endpoint, "test", "test", "iam", "put-role-policy", "--role-name", role,
                    "--policy-name", "bad", "--policy-document", "file://" + noResource);
            assertThat(malformed.exitCode()).isNotZero();
            assertThat(malformed.stderr()).contains("MalformedPolicyDocument").contains("Policy statement must contain resources.");

            ok(cli, "test", "test", "iam", "create-user", "--user-name", user);
            JsonNode key = ok(cli, "test", "test", "iam", "create-access-key", "--user-name", user);
            String id = key.at("/AccessKey/AccessKeyId").asText();
            String secret = key.at("/AccessKey/SecretAccessKey").asText();

            AwsCli.Result denied = cli.run(endpoint, id, secret, "ecs", "list-clusters");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("AccessDeniedException").contains("arn:aws:iam::222233334444:user/" + user
                    + " is not authorized to perform: ecs:ListClusters on resource: *");
            AwsCli.Result iamDenied = cli.run(endpoint, id, secret, "iam", "list-users");
            assertThat(iamDenied.exitCode()).isNotZero();
            assertThat(iamDenied.stderr()).contains("AccessDenied");

            ok(cli, "test", "test", "iam", "put-user-policy", "--user-name", user, "--policy-name", "ecs-east",
                    "--policy-document", "file://" + ecsInEast);
            assertThat(ok(cli, id, secret, "ecs", "list-clusters").has("clusterArns")).isTrue();
            AwsCli.Result west = cli.run(endpoint, id, secret, "--region", "eu-west-1", "ecs", "list-clusters");
            assertThat(west.exitCode()).isNotZero();
            assertThat(west.stderr()).contains("AccessDeniedException");

            JsonNode assumed = ok(cli, "test", "test", "sts", "assume-role", "--role-arn",
                    created.at("/Role/Arn").asText(), "--role-session-name", "cli");
            assertThat(assumed.at("/AssumedRoleUser/Arn").asText())
                    .isEqualTo("arn:aws:sts::222233334444:assumed-role/" + role + "/cli");
            assertThat(assumed.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");

            assertThat(ok(cli, "test", "test", "iam", "list-roles", "--path-prefix", "/cli/").at("/Roles").size())
                    .isEqualTo(n);
        }
        assertThat(n).isPositive();
    }

    private JsonNode ok(AwsCli cli, String key, String secret, String... args) throws Exception {
        AwsCli.Result result = cli.run(endpoint, key, secret, args);
        assertThat(result.exitCode()).as(cli + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }
}
