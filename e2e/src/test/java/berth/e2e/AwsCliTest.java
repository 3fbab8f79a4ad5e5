package berth.e2e;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code aws} CLI, v1 and v2, works against berth unchanged. */
@BerthTest
class AwsCliTest {
    static List<AwsCli> clis;
    private final URI endpoint;

    AwsCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void findClis() {
        clis = AwsCli.installed();
        assertThat(clis).as("an aws CLI must be installed (./berth test installs Debian's awscli)").isNotEmpty();
    }

    @Test
    void getCallerIdentityPrintsTheAccount() throws Exception {
        for (AwsCli aws : clis) {
            AwsCli.Result r = aws.run(endpoint, "test", "test", "sts", "get-caller-identity");
            assertThat(r.exitCode()).as(aws + ": " + r.stderr()).isZero();
            assertThat(r.stdout()).contains("\"Account\": \"000000000000\"").contains("arn:aws:iam::000000000000:root");
        }
    }

    @Test
    void wrongSecretFailsWithSignatureDoesNotMatch() throws Exception {
        for (AwsCli aws : clis) {
            AwsCli.Result r = aws.run(endpoint, "test", "not-the-secret", "sts", "get-caller-identity");
            assertThat(r.exitCode()).as(aws.toString()).isNotZero();
            assertThat(r.stderr()).as(aws.toString()).contains("SignatureDoesNotMatch");
        }
    }

    @Test
    void ecsClusterRoundTrip() throws Exception {
        for (AwsCli aws : clis) {
            String name = "cli-" + Math.abs(aws.toString().hashCode());
            AwsCli.Result created = aws.run(endpoint, "test", "test", "ecs", "create-cluster", "--cluster-name", name);
            assertThat(created.exitCode()).as(aws + ": " + created.stderr()).isZero();
            assertThat(created.stdout()).contains("\"clusterName\": \"" + name + "\"").contains("\"status\": \"ACTIVE\"");
            AwsCli.Result listed = aws.run(endpoint, "test", "test", "ecs", "list-clusters");
            assertThat(listed.stdout()).contains("arn:aws:ecs:us-east-1:000000000000:cluster/" + name);
            AwsCli.Result missing = aws.run(endpoint, "test", "test", "ecs", "delete-cluster", "--cluster", "nope");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("ClusterNotFoundException");
        }
    }
}
