package berth.e2e.ecs.agent;

import berth.e2e.Policies;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Container {@code secrets} come from Secrets Manager (whole, or one key of a JSON secret) and from
 * SSM Parameter Store into the environment; a secret that does not exist fails the task to start
 * with ECS's reason.
 */
@BerthTest
class TaskSecretsTest {

    private static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void secretsReachTheEnvironmentAndMissingOnesFailTheTask(EcsClient ecs, SecretsManagerClient secrets,
                                                              SsmClient ssm, IamClient iam) {
        TaskRuns.awaitInstances(ecs, "default", 1);
        // the agent reads the secrets as the execution role, which must exist, trust ecs-tasks and allow the reads
        try {
            iam.createRole(r -> r.roleName("ecsTaskExecutionRole")
                    .assumeRolePolicyDocument(Policies.trustService("ecs-tasks.amazonaws.com")));
        } catch (software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException exists) {
            // created by an earlier test of this berth
        }
        iam.putRolePolicy(r -> r.roleName("ecsTaskExecutionRole").policyName("secrets").policyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\",\"Action\":["
                + "\"secretsmanager:GetSecretValue\",\"ssm:GetParameter\",\"ssm:GetParameters\"]}]}"));
        String plain = secrets.createSecret(r -> r.name("db-password").secretString("s3cret")).arn();
        String json = secrets.createSecret(r -> r.name("api").secretString("{\"key\":\"k-123\",\"other\":\"x\"}")).arn();
        ssm.putParameter(r -> r.name("/app/mode").value("blue").type(ParameterType.SECURE_STRING));
        ecs.registerTaskDefinition(r -> r.family("with-secrets").executionRoleArn(EXECUTION_ROLE).containerDefinitions(c -> c.name("app")
                .image(busybox()).memory(32).command("sh", "-c", "echo \"$DB_PASSWORD|$API_KEY|$MODE\"")
                .secrets(Secret.builder().name("DB_PASSWORD").valueFrom(plain).build(),
                        Secret.builder().name("API_KEY").valueFrom(json + ":key::").build(),
                        Secret.builder().name("MODE").valueFrom("/app/mode").build())));
        ecs.registerTaskDefinition(r -> r.family("missing-secret").executionRoleArn(EXECUTION_ROLE).containerDefinitions(c -> c.name("app")
                .image(busybox()).memory(32).command("true")
                .secrets(Secret.builder().name("X").valueFrom(
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:nope").build())));

        Task ok = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("with-secrets")).taskArn(), "STOPPED");
        Task missing = awaitStatus(ecs, "default", run(ecs, r -> r.taskDefinition("missing-secret")).taskArn(),
                "STOPPED");

        assertThat(ok.containers().get(0).exitCode()).isZero();
        assertThat(docker("logs", containersOf(ok.taskArn(), true).get(0))).containsExactly("s3cret|k-123|blue");
        assertThat(missing.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(missing.stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or registry"
                + " auth: execution resource retrieval failed: unable to retrieve secret from asm");
        assertThat(containersOf(missing.taskArn(), true)).isEmpty();
    }
}
