package berth.e2e.ecs.roles;

import berth.e2e.Policies;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import java.net.URI;
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
    private static final String TRUST_ECS_TASKS = Policies.trustService("ecs-tasks.amazonaws.com");
    /** As AWS's guide writes it: the secret's ARN with a wildcard for the random suffix. */
    private static final String READ_SECRETS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",
             "Resource":"arn:aws:secretsmanager:*:*:secret:exec-role-secret-*"}]}""";

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
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void secretsAreReadAsTheExecutionRole() {
        String secretArn = secrets.createSecret(r -> r.name("exec-role-secret").secretString("pa55")).arn();
        String reader = iam.createRole(r -> r.roleName("exec-reader").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();
        iam.putRolePolicy(r -> r.roleName("exec-reader").policyName("read").policyDocument(READ_SECRETS));
        String bare = iam.createRole(r -> r.roleName("exec-bare").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();

        Task allowed = TaskRuns.runAndAwait(ecs, CLUSTER, register("exec-allowed", reader, secretArn), "RUNNING");
        String container = TaskRuns.docker("ps", "--filter", "label=berth.task-arn=" + allowed.taskArn(), "--filter",
                "label=berth.container-name=app", "--format", "{{.Names}}").get(0);
        assertThat(TaskRuns.docker("exec", container, "sh", "-c", "printf %s \"$PASSWORD\"")).containsExactly("pa55");

        Task denied = TaskRuns.runAndAwait(ecs, CLUSTER, register("exec-denied", bare, secretArn), "STOPPED");
        assertThat(denied.stoppedReason())
                .startsWith("ResourceInitializationError: unable to pull secrets or registry auth")
                .contains("AccessDenied").contains("exec-bare");

        String otherArn = secrets.createSecret(r -> r.name("exec-other-secret").secretString("not-yours")).arn();
        Task otherSecret = TaskRuns.runAndAwait(ecs, CLUSTER, register("exec-other", reader, otherArn), "STOPPED");
        assertThat(otherSecret.stoppedReason())
                .startsWith("ResourceInitializationError: unable to pull secrets or registry auth")
                .contains("AccessDenied").contains(otherArn);
    }

    private String register(String family, String executionRoleArn, String secretArn) {
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(TestImages.ensureBusybox())
                .memory(32).command("sh", "-c", "exec sleep 600")
                .secrets(Secret.builder().name("PASSWORD").valueFrom(secretArn).build()).build();
        return ecs.registerTaskDefinition(r -> r.family(family).executionRoleArn(executionRoleArn)
                .containerDefinitions(app)).taskDefinition().family();
    }

}
