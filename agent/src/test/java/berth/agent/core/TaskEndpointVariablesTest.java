package berth.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agentwire.AssignedTask;
import berth.agentwire.RoleCredentials;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskEndpointVariablesTest {

    private static AssignedTask withRole(AssignedTask t, RoleCredentials role) {
        return Fixtures.withRoles(t, role, RoleCredentials.NONE);
    }

    @Test
    void containersOfATaskWithARoleGetItsCredentialsPathTheMetadataEndpointAndBerth() {
        AssignedTask task = withRole(Fixtures.task("t1", Fixtures.definition(Fixtures.container("web").build())),
                new RoleCredentials("abc123", "arn:aws:iam::123456789012:role/app", "ASIA", "secret", "token",
                        Instant.parse("2025-01-01T16:00:00Z"), "tok"));

        var env = ContainerSpecs.environment(Fixtures.SETTINGS, task, task.containers().get(0));

        assertThat(env).containsEntry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc123")
                .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/berth-t1-web")
                .containsEntry("AWS_ENDPOINT_URL", "http://169.254.170.2:4566")
                .containsEntry("AWS_REGION", "us-east-1");
    }

    @Test
    void hostNetworkContainersGetTheFullUriAndTheAuthorizationTokenInstead() {
        AssignedTask task = withRole(Fixtures.task("t3", Fixtures.definition("host", 0, 0, java.util.List.of(),
                        Fixtures.container("web").build())),
                new RoleCredentials("abc123", "arn:aws:iam::123456789012:role/app", "ASIA", "secret", "token",
                        Instant.parse("2025-01-01T16:00:00Z"), "tok"));

        var env = ContainerSpecs.environment(Fixtures.SETTINGS, task, task.containers().get(0));

        assertThat(env).doesNotContainKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.2/v2/credentials/abc123")
                .containsEntry("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok");
    }

    @Test
    void aTaskWithoutRoleGetsNoCredentialsPath() {
        AssignedTask task = Fixtures.task("t2", Fixtures.definition(Fixtures.container("web").build()));

        var env = ContainerSpecs.environment(Fixtures.SETTINGS, task, task.containers().get(0));

        assertThat(env).doesNotContainKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .containsKey("ECS_CONTAINER_METADATA_URI_V4");
    }

    @Test
    void berthIsReachedAtTheLinkLocalAddressOnItsOwnPort() {
        assertThat(TaskEndpointVariables.forwardedPort("http://127.0.0.1:4566")).hasValue(4566);
        assertThat(TaskEndpointVariables.forwardedPort("http://localhost:39123/")).hasValue(39123);
        assertThat(TaskEndpointVariables.forwardedPort("http://berth.internal")).isEmpty();
        assertThat(TaskEndpointVariables.forwardedPort("not a uri")).isEmpty();
    }
}
