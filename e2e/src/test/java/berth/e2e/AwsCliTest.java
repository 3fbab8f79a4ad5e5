package berth.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code aws} CLI, v1 and v2, works against berth unchanged. */
class AwsCliTest {
    @TempDir
    static Path home;
    static BerthProcess berth;
    static List<AwsCli> clis;

    @BeforeAll
    static void start() throws Exception {
        berth = BerthProcess.start(home, Map.of());
        clis = AwsCli.installed();
        assertThat(clis).as("an aws CLI must be installed (./berth test installs Debian's awscli)").isNotEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        berth.close();
    }

    @Test
    void getCallerIdentityPrintsTheAccount() throws Exception {
        for (AwsCli aws : clis) {
            AwsCli.Result r = aws.run(berth.endpoint(), "test", "test", "sts", "get-caller-identity");
            assertThat(r.exitCode()).as(aws + ": " + r.stderr()).isZero();
            assertThat(r.stdout()).contains("\"Account\": \"000000000000\"").contains("arn:aws:iam::000000000000:root");
        }
    }

    @Test
    void wrongSecretFailsWithSignatureDoesNotMatch() throws Exception {
        for (AwsCli aws : clis) {
            AwsCli.Result r = aws.run(berth.endpoint(), "test", "not-the-secret", "sts", "get-caller-identity");
            assertThat(r.exitCode()).as(aws.toString()).isNotZero();
            assertThat(r.stderr()).as(aws.toString()).contains("SignatureDoesNotMatch");
        }
    }

    @Test
    void ecsClusterRoundTrip() throws Exception {
        for (AwsCli aws : clis) {
            String name = "cli-" + Math.abs(aws.toString().hashCode());
            AwsCli.Result created = aws.run(berth.endpoint(), "test", "test", "ecs", "create-cluster", "--cluster-name", name);
            assertThat(created.exitCode()).as(aws + ": " + created.stderr()).isZero();
            assertThat(created.stdout()).contains("\"clusterName\": \"" + name + "\"").contains("\"status\": \"ACTIVE\"");
            AwsCli.Result listed = aws.run(berth.endpoint(), "test", "test", "ecs", "list-clusters");
            assertThat(listed.stdout()).contains("arn:aws:ecs:us-east-1:000000000000:cluster/" + name);
            AwsCli.Result missing = aws.run(berth.endpoint(), "test", "test", "ecs", "delete-cluster", "--cluster", "nope");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("ClusterNotFoundException");
        }
    }
}
