package berth.e2e.ecs.roles;

import berth.e2e.Policies;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import berth.e2e.ecs.TaskRuns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Two berths whose agents share one host and Docker engine: only one holds 169.254.170.2:80, yet the
 * containers of each get their own task's credentials and metadata (the holder passes on what is not
 * its own to the other process).
 */
class TwoBerthsOnOneHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST_ECS_TASKS = Policies.trustService("ecs-tasks.amazonaws.com");

    @Test
    void eachBerthsContainersGetTheirOwnCredentialsAndMetadata(@TempDir Path home) throws Exception {
        TestImages.ensureBusybox();
        try (BerthProcess first = BerthProcess.start(home.resolve("first"), Map.of());
             BerthProcess second = BerthProcess.start(home.resolve("second"), Map.of())) {
            List<String> containers = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            List<String> tasks = new ArrayList<>();
            for (BerthProcess berth : List.of(first, second)) {
                try (EcsClient ecs = Clients.ecs(berth.endpoint());
                     IamClient iam = IamClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                             .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(
                                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                             .build()) {
                    String role = iam.createRole(r -> r.roleName("shared-host-role")
                            .assumeRolePolicyDocument(TRUST_ECS_TASKS)).role().arn();
                    ContainerDefinition app = ContainerDefinition.builder().name("app")
                            .image(TestImages.ensureBusybox()).memory(32).command("sh", "-c", "exec sleep 600").build();
                    ecs.registerTaskDefinition(r -> r.family("shared-host").taskRoleArn(role).containerDefinitions(app));
                    String taskArn;
                    try {
                        taskArn = runningTask(ecs);
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + "\n" + berth.output(), e);
                    }
                    tasks.add(taskArn);
                    roles.add(role);
                    containers.add(TaskRuns.docker("ps", "--filter", "label=berth.task-arn=" + taskArn, "--filter",
                            "label=berth.container-name=app", "--format", "{{.Names}}").get(0));
                }
            }
            for (int i = 0; i < 2; i++) {
                String container = containers.get(i);
                JsonNode credentials = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "sh", "-c",
                        retried("http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))));
                assertThat(credentials.path("AccessKeyId").asText()).isNotEmpty();
                assertThat(credentials.path("RoleArn").asText()).isEqualTo(roles.get(i));
                JsonNode task = JSON.readTree(String.join("\n", TaskRuns.docker("exec", container, "sh", "-c",
                        retried("$ECS_CONTAINER_METADATA_URI_V4/task"))));
                assertThat(task.path("TaskARN").asText()).isEqualTo(tasks.get(i));
            }
            for (String container : containers) {
                TaskRuns.docker("rm", "-f", container);
            }
        }
    }

    private static String runningTask(EcsClient ecs) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String arn = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                if (arn.isEmpty()) {
                    var response = ecs.runTask(r -> r.cluster("default").taskDefinition("shared-host"));
                    if (!response.tasks().isEmpty()) {
                        arn = response.tasks().get(0).taskArn();
                    }
                } else {
                    String current = arn;
                    String status = ecs.describeTasks(r -> r.cluster("default").tasks(current)).tasks().get(0)
                            .lastStatus();
                    if ("RUNNING".equals(status)) {
                        return arn;
                    }
                    assertThat(status).isNotEqualTo("STOPPED");
                }
            } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException notYet) {
                // the local agent creates its cluster as it starts
            }
            TaskRuns.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("no RUNNING task: " + arn);
    }

    /**
     * A fetch that tries again as the SDKs' container credential providers do: while another process
     * on the host lets the link-local port go, the next holder takes it over within a fraction of a second.
     */
    private static String retried(String url) {
        return "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- " + url + " 2>/dev/null && exit 0; sleep 1; done; exit 1";
    }
}
