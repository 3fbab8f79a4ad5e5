package berth.e2e.ecs.roles;

import berth.e2e.Policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.agent.testing.TestImages;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Task IAM roles end to end: a container of a task with a task role fetches its credentials from
 * 169.254.170.2 with busybox wget (where the AWS SDKs look), the credentials act as the role (the
 * AWS SDK is used from the test with the fetched credentials; {@link AwsCliInTaskTest} runs the AWS
 * CLI itself inside a task), another task's credentials id is refused, the task metadata endpoint v4 names the task,
 * and a task whose role is missing or does not trust ecs-tasks stops before any container starts.
 */
@BerthTest
class TaskRolesTest {
    private static final String CLUSTER = "default";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST_ECS_TASKS = Policies.trustService("ecs-tasks.amazonaws.com");
    private static final String TRUST_EC2 = Policies.trustService("ec2.amazonaws.com");
    private static final String LIST_CLUSTERS_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:ListClusters","Resource":"*"}]}""";

    private final EcsClient ecs;
    private final IamClient iam;
    private final URI endpoint;

    TaskRolesTest(EcsClient ecs, IamClient iam, URI endpoint) {
        this.ecs = ecs;
        this.iam = iam;
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void image(EcsClient ecs) {
        TestImages.ensureBusybox();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void aContainerFetchesItsRoleCredentialsWhichActAsTheRoleAndNoOtherTaskGetsThem() throws IOException {
        String roleArn = iam.createRole(r -> r.roleName("task-role-reader").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();
        iam.putRolePolicy(r -> r.roleName("task-role-reader").policyName("list").policyDocument(LIST_CLUSTERS_ONLY));
        String family = register("with-role", roleArn);
        Task first = TaskRuns.runAndAwait(ecs, CLUSTER, family, "RUNNING");
        Task second = TaskRuns.runAndAwait(ecs, CLUSTER, family, "RUNNING");
        String firstContainer = containerOf(first);
        String secondContainer = containerOf(second);

        String relativeUri = env(firstContainer, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        assertThat(relativeUri).startsWith("/v2/credentials/");
        assertThat(env(secondContainer, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).isNotEqualTo(relativeUri);
        assertThat(env(firstContainer, "AWS_REGION")).isNotEmpty();
        String endpointUrl = env(firstContainer, "AWS_ENDPOINT_URL");
        assertThat(endpointUrl).startsWith("http://169.254.170.2:");
        assertThat(String.join("\n", TaskRuns.docker("exec", firstContainer, "wget", "-qO-", endpointUrl + "/_berth/health")))
                .as("berth answers a container at AWS_ENDPOINT_URL").isNotEmpty();

        JsonNode credentials = JSON.readTree(String.join("\n",
                TaskRuns.docker("exec", firstContainer, "wget", "-qO-", "http://169.254.170.2" + relativeUri)));
        assertThat(credentials.path("RoleArn").asText()).isEqualTo(roleArn);
        assertThat(credentials.path("Expiration").asText()).endsWith("Z");

        var provider = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                credentials.path("Token").asText()));
        Region region = Region.of(env(firstContainer, "AWS_REGION"));
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create()).build();
             EcsClient asRole = EcsClient.builder().endpointOverride(endpoint).region(region)
                     .credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo(roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/"
                            + first.taskArn().substring(first.taskArn().lastIndexOf('/') + 1));
            assertThat(asRole.listClusters().clusterArns()).isNotEmpty();
            assertThatThrownBy(() -> asRole.createCluster(r -> r.clusterName("not-allowed")))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).startsWith("AccessDenied"));
        }

        Result stolen = tryDocker("exec", secondContainer, "wget", "-qO-", "http://169.254.170.2" + relativeUri);
        assertThat(stolen.exitCode()).as("another task's credentials id: " + stolen.output()).isNotZero();
        Result unknown = tryDocker("exec", firstContainer, "wget", "-qO-", "http://169.254.170.2/v2/credentials/nope");
        assertThat(unknown.exitCode()).isNotZero();
    }

    @Test
    void aHostNetworkContainerShowsItsAuthorizationTokenForItsCredentials() throws IOException {
        String roleArn = iam.createRole(r -> r.roleName("host-task-role").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(TestImages.ensureBusybox())
                .memory(32).command("sh", "-c", "exec sleep 600").build();
        String family = ecs.registerTaskDefinition(r -> r.family("host-with-role").networkMode("host")
                .taskRoleArn(roleArn).containerDefinitions(app)).taskDefinition().family();
        String container = containerOf(TaskRuns.runAndAwait(ecs, CLUSTER, family, "RUNNING"));

        assertThat(env(container, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).isEmpty();
        String fullUri = env(container, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        assertThat(fullUri).startsWith("http://169.254.170.2/v2/credentials/");
        JsonNode credentials = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "sh", "-c",
                "wget -qO- --header \"Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN\" "
                        + "$AWS_CONTAINER_CREDENTIALS_FULL_URI")));
        assertThat(credentials.path("RoleArn").asText()).isEqualTo(roleArn);
        assertThat(tryDocker("exec", container, "wget", "-qO-", fullUri).exitCode())
                .as("without the token").isNotZero();
    }

    @Test
    void theMetadataEndpointV4DescribesTheTaskAndItsContainer() throws IOException {
        String family = register("with-metadata", "");
        Task task = TaskRuns.runAndAwait(ecs, CLUSTER, family, "RUNNING");
        String container = containerOf(task);
        String uri = env(container, "ECS_CONTAINER_METADATA_URI_V4");
        assertThat(uri).startsWith("http://169.254.170.2/v4/");

        JsonNode taskDoc = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "wget", "-qO-", uri + "/task")));
        assertThat(taskDoc.path("TaskARN").asText()).isEqualTo(task.taskArn());
        assertThat(taskDoc.path("Cluster").asText()).isEqualTo(task.clusterArn());
        assertThat(taskDoc.path("Family").asText()).isEqualTo(family);
        assertThat(taskDoc.path("Revision").asText()).isEqualTo("1");
        assertThat(taskDoc.path("DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(taskDoc.path("Containers").get(0).path("Name").asText()).isEqualTo("app");

        JsonNode containerDoc = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "wget", "-qO-", uri)));
        assertThat(containerDoc.path("Name").asText()).isEqualTo("app");
        assertThat(containerDoc.path("DockerId").asText())
                .isEqualTo(TaskRuns.docker("inspect", "--format", "{{.Id}}", container).get(0));
        assertThat(containerDoc.path("KnownStatus").asText()).isEqualTo("RUNNING");

        JsonNode stats = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "wget", "-qO-", uri + "/stats")));
        assertThat(stats.path("memory_stats").path("usage").asLong()).isPositive();
        JsonNode taskStats = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "wget", "-qO-",
                uri + "/task/stats")));
        assertThat(taskStats.has(containerDoc.path("DockerId").asText())).isTrue();
    }

    @Test
    void aTaskWhoseRoleIsMissingOrDoesNotTrustEcsTasksStopsBeforeAnyContainerStarts() {
        String missing = register("missing-role", "arn:aws:iam::000000000000:role/no-such-role");
        Task withoutRole = TaskRuns.runAndAwait(ecs, CLUSTER, missing, "STOPPED");
        assertThat(withoutRole.stoppedReason()).startsWith("ResourceInitializationError:").contains("no-such-role");
        assertThat(withoutRole.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(TaskRuns.docker("ps", "-aq", "--filter", "label=berth.task-arn=" + withoutRole.taskArn())).isEmpty();

        String ec2Role = iam.createRole(r -> r.roleName("trusts-ec2-only").assumeRolePolicyDocument(TRUST_EC2))
                .role().arn();
        Task untrusted = TaskRuns.runAndAwait(ecs, CLUSTER, register("untrusting-role", ec2Role), "STOPPED");
        assertThat(untrusted.stoppedReason()).startsWith("ResourceInitializationError:").contains("trusts-ec2-only");
        assertThat(TaskRuns.docker("ps", "-aq", "--filter", "label=berth.task-arn=" + untrusted.taskArn())).isEmpty();
    }

    private String register(String family, String taskRoleArn) {
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(TestImages.ensureBusybox())
                .memory(32).command("sh", "-c", "exec sleep 600").build();
        return ecs.registerTaskDefinition(r -> {
            r.family(family).containerDefinitions(app);
            if (!taskRoleArn.isEmpty()) {
                r.taskRoleArn(taskRoleArn);
            }
        }).taskDefinition().family();
    }

    private static String containerOf(Task task) {
        List<String> names = TaskRuns.docker("ps", "--filter", "label=berth.task-arn=" + task.taskArn(), "--filter",
                "label=berth.container-name=app", "--format", "{{.Names}}");
        assertThat(names).hasSize(1);
        return names.get(0);
    }

    private static String env(String container, String name) {
        return TaskRuns.docker("exec", container, "sh", "-c", "printf %s \"$" + name + "\"").stream().findFirst().orElse("");
    }

    private record Result(int exitCode, String output) {}

    private static Result tryDocker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run the docker CLI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
