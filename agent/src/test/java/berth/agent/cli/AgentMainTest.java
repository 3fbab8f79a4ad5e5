package berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.agent.loop.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code berth agent} command line. */
class AgentMainTest {

    @Test
    void readsEveryOption() {
        AgentConfig c = AgentMain.parse(List.of("--cluster", "prod", "--endpoint", "http://10.0.0.5:4566/",
                "--cpu", "2048", "--memory", "1024", "--name", "edge-1", "--zone", "eu-west-1b",
                "--attribute", "stack=blue", "--attribute", "gpu", "--data-dir", "/var/lib/berth-agent",
                "--region", "eu-west-1", "--cleanup-wait", "90s"), Map.of("AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "secret"));

        assertThat(c.cluster()).isEqualTo("prod");
        assertThat(c.endpoint().endpoint().toString()).isEqualTo("http://10.0.0.5:4566");
        assertThat(c.endpoint().region()).isEqualTo("eu-west-1");
        assertThat(c.endpoint().credentials().resolveCredentials().accessKeyId()).isEqualTo("AKID");
        assertThat(c.instanceMetadata()).isEmpty();
        assertThat(c.cpuUnits()).contains(2048);
        assertThat(c.memoryMiB()).contains(1024L);
        assertThat(c.name()).isEqualTo("edge-1");
        assertThat(c.zone()).isEqualTo("eu-west-1b");
        assertThat(c.attributes()).containsEntry("stack", "blue").containsEntry("gpu", "");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/berth-agent"));
        assertThat(c.cleanupWait()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void defaultsFollowTheEnvironmentAndTheName() {
        AgentConfig c = AgentMain.parse(List.of("--endpoint", "http://127.0.0.1:4566", "--name", "two"),
                Map.of("AWS_REGION", "ap-south-1"));

        assertThat(c.cluster()).isEqualTo("default");
        assertThat(c.endpoint().region()).isEqualTo("ap-south-1");
        assertThat(c.endpoint().credentials().resolveCredentials().accessKeyId()).isEqualTo("test");
        assertThat(c.zone()).isEqualTo("ap-south-1a");
        assertThat(c.dataDir().toString()).endsWith("/.berth/agents/two");
        assertThat(c.cpuUnits()).isEmpty();
    }

    @Test
    void onAnEc2InstanceTheMetadataServiceGivesTheIdentityAndWithoutKeysTheRolesCredentials() {
        AgentConfig c = AgentMain.parse(List.of("--endpoint", "http://127.0.0.1:4566"),
                Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:4566/_berth/ec2/metadata/abc"));
        assertThat(c.instanceMetadata()).map(Object::toString).contains("http://127.0.0.1:4566/_berth/ec2/metadata/abc");
        assertThat(c.endpoint().credentials())
                .isInstanceOf(software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider.class);

        AgentConfig keyed = AgentMain.parse(List.of("--endpoint", "http://127.0.0.1:4566", "--instance-metadata",
                "http://169.254.169.254"), Map.of("AWS_ACCESS_KEY_ID", "111122223333", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_SESSION_TOKEN", "tok"));
        assertThat(keyed.instanceMetadata()).map(Object::toString).contains("http://169.254.169.254");
        assertThat(keyed.endpoint().credentials().resolveCredentials())
                .isInstanceOf(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.class);
    }

    @Test
    void rejectsMissingAndMalformedOptions() {
        assertThatThrownBy(() -> AgentMain.parse(List.of("--cluster", "x"), Map.of()))
                .hasMessageContaining("--endpoint is required");
        assertThatThrownBy(() -> AgentMain.parse(List.of("--endpoint", "http://h:1", "--cpu", "-3"), Map.of()))
                .hasMessageContaining("--cpu must be a positive whole number");
        assertThatThrownBy(() -> AgentMain.parse(List.of("--endpoint", "http://h:1", "--bogus", "1"), Map.of()))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> AgentMain.parse(List.of("--endpoint"), Map.of())).hasMessageContaining("needs a value");
    }
}
