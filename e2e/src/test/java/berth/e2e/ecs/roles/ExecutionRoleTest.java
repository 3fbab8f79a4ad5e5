package berth.e2e.ecs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.junit5.BerthTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A task definition's executionRoleArn governs what the agent fetches for the task: its secrets are
 * read as the execution role, so a role allowed {@code secretsmanager:GetSecretValue} gets the value
 * into the container and a role without it fails the task with ECS's ResourceInitializationError.
 */
@BerthTest
class ExecutionRoleTest {
    private static final String CLUSTER = "default";
    private static final String TRUST_ECS_TASKS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final String READ_SECRETS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
             "Resource":"*"}]}""";

    private final EcsClient ecs;
    private final IamClient iam;
    private final SecretsManagerClient secrets;

    ExecutionRoleTest(EcsClient ecs, IamClient iam, SecretsManagerClient secrets) {
        this.ecs = ecs;
        this.iam = iam;
        this.secrets = secrets;
    }

    @BeforeAll
    static void image(EcsClient ecs) {
        TestImages.ensureBusybox();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (!ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns().isEmpty()) {
                    return;
                }
            } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException notYet) {
                // the local agent creates its cluster as it starts
            }
            sleep(100);
        }
        throw new AssertionError("no container instance registered in " + CLUSTER);
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        List<String> ids = docker("ps", "-aq", "--filter", "label=berth.control-plane=" + endpoint);
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(ids);
            docker(rm.toArray(String[]::new));
        }
    }

    @Test
    void secretsAreReadAsTheExecutionRole() {
        String secretArn = secrets.createSecret(r -> r.name("exec-role-secret").secretString("pa55")).arn();
        String reader = iam.createRole(r -> r.roleName("exec-reader").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();
        iam.putRolePolicy(r -> r.roleName("exec-reader").policyName("read").policyDocument(READ_SECRETS));
        String bare = iam.createRole(r -> r.roleName("exec-bare").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();

        Task allowed = runAndAwait(register("exec-allowed", reader, secretArn), "RUNNING");
        String container = docker("ps", "--filter", "label=berth.task-arn=" + allowed.taskArn(), "--filter",
                "label=berth.container-name=app", "--format", "{{.Names}}").get(0);
        assertThat(docker("exec", container, "sh", "-c", "printf %s \"$PASSWORD\"")).containsExactly("pa55");

        Task denied = runAndAwait(register("exec-denied", bare, secretArn), "STOPPED");
        assertThat(denied.stoppedReason())
                .startsWith("ResourceInitializationError: unable to pull secrets or registry auth")
                .contains("AccessDenied").contains("exec-bare");
    }

    private String register(String family, String executionRoleArn, String secretArn) {
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(TestImages.ensureBusybox())
                .memory(32).command("sh", "-c", "exec sleep 600")
                .secrets(Secret.builder().name("PASSWORD").valueFrom(secretArn).build()).build();
        return ecs.registerTaskDefinition(r -> r.family(family).executionRoleArn(executionRoleArn)
                .containerDefinitions(app)).taskDefinition().family();
    }

    private Task runAndAwait(String family, String status) {
        var response = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(family));
        assertThat(response.failures()).isEmpty();
        String arn = response.tasks().get(0).taskArn();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Task task = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arn)).tasks().get(0);
            if (status.equals(task.lastStatus())) {
                return task;
            }
            if (Instant.now().isAfter(deadline) || (!status.equals("STOPPED") && "STOPPED".equals(task.lastStatus()))) {
                throw new AssertionError("task did not reach " + status + ": " + task);
            }
            sleep(100);
        }
    }

    private static List<String> docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run the docker CLI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
