package berth.e2e.ecs.roles;

import berth.e2e.Policies;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The unmodified AWS CLI (the host's v1, copied into an image by {@link TestImages#ensureAwsCli()}) runs
 * inside a task's container with nothing but what berth injects: it finds the task role's
 * credentials through {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}, reaches berth through
 * {@code AWS_ENDPOINT_URL}, and acts as the role's session (its identity, a parameter its policy
 * allows, AccessDenied on one it does not). A task without a role has no credentials at all.
 */
@BerthTest
class AwsCliInTaskTest {
    private static final String CLUSTER = "default";
    private static final String TRUST_ECS_TASKS = Policies.trustService("ecs-tasks.amazonaws.com");
    /** A shell function printing {@code key=value} on one line, whatever lines the value has. */
    private static final String REPORT = """
            report() { printf '%s=%s\\n' "$1" "$(printf %s "$2" | tr '\\n' ' ')"; }
            """;

    private static String image;

    private final EcsClient ecs;
    private final IamClient iam;
    private final SsmClient ssm;
    private final Region region;

    AwsCliInTaskTest(EcsClient ecs, IamClient iam, SsmClient ssm, Region region) {
        this.ecs = ecs;
        this.iam = iam;
        this.ssm = ssm;
        this.region = region;
    }

    @BeforeAll
    static void imageAndInstance(EcsClient ecs) {
        image = TestImages.ensureAwsCli();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void theCliInATaskActsAsItsRoleAndIsRefusedWhatThePolicyDoesNotAllow() {
        String roleArn = iam.createRole(r -> r.roleName("cli-reader").assumeRolePolicyDocument(TRUST_ECS_TASKS))
                .role().arn();
        String account = roleArn.split(":")[4];
        String allowedArn = "arn:aws:ssm:" + region.id() + ":" + account + ":parameter/cli/allowed";
        iam.putRolePolicy(r -> r.roleName("cli-reader").policyName("read-one").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"},
                 {"Effect":"Allow","Action":"ssm:GetParameter","Resource":"%s"}]}""".formatted(allowedArn)));
        ssm.putParameter(r -> r.name("/cli/allowed").value("open-sesame").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/cli/denied").value("not-for-the-role").type(ParameterType.SECURE_STRING));

        String script = "ALLOWED_ARN=" + allowedArn + "\n" + REPORT + """
                report static-keys "${AWS_ACCESS_KEY_ID:-none}"
                report relative-uri "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:+set}"
                out=$(aws sts get-caller-identity --query Arn --output text 2>&1); status=$?
                report identity "$out"; report identity-exit $status
                out=$(aws ssm get-parameter --name /cli/allowed --query Parameter.Value --output text 2>&1); status=$?
                report allowed "$out"; report allowed-exit $status
                out=$(aws ssm get-parameter --name "$ALLOWED_ARN:1" --query Parameter.Value --output text 2>&1)
                report allowed-by-arn "$out"
                out=$(aws ssm get-parameter --name /cli/denied --with-decryption --query Parameter.Value \
                    --output text 2>&1); status=$?
                report denied "$out"; report denied-exit $status
                exit $status
                """;
        Task task = runToCompletion(register("cli-with-role", roleArn, script));
        Map<String, String> out = outputOf(task);

        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        assertThat(out).as("the container has only what berth injects")
                .containsEntry("static-keys", "none").containsEntry("relative-uri", "set");
        assertThat(out).containsEntry("identity", roleArn.replace(":iam::", ":sts::")
                .replace(":role/", ":assumed-role/") + "/" + taskId).containsEntry("identity-exit", "0");
        assertThat(out).containsEntry("allowed", "open-sesame").containsEntry("allowed-exit", "0")
                .as("by ARN with a version selector").containsEntry("allowed-by-arn", "open-sesame");
        assertThat(out.get("denied")).contains("AccessDeniedException", "is not authorized to perform: "
                + "ssm:GetParameter on resource: " + allowedArn.replace("/allowed", "/denied"))
                .doesNotContain("not-for-the-role");
        assertThat(out.get("denied-exit")).isNotEqualTo("0");
        assertThat(task.containers().get(0).exitCode()).as("the container's exit code is the refused call's")
                .isEqualTo(Integer.parseInt(out.get("denied-exit")));
    }

    @Test
    void theCliInATaskWithoutARoleFindsNoCredentials() {
        Task task = runToCompletion(register("cli-without-role", "", REPORT + """
                out=$(aws sts get-caller-identity --query Arn --output text 2>&1); status=$?
                report identity "$out"; report identity-exit $status
                exit $status
                """));
        Map<String, String> out = outputOf(task);

        assertThat(out.get("identity")).contains("Unable to locate credentials");
        assertThat(out.get("identity-exit")).isNotEqualTo("0");
        assertThat(task.containers().get(0).exitCode()).isNotZero();
    }

    private String register(String family, String taskRoleArn, String script) {
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(image).memory(256)
                .essential(true).command("sh", "-c", script).build();
        return ecs.registerTaskDefinition(r -> {
            r.family(family).containerDefinitions(app);
            if (!taskRoleArn.isEmpty()) {
                r.taskRoleArn(taskRoleArn);
            }
        }).taskDefinition().family();
    }

    private Task runToCompletion(String family) {
        Task task = TaskRuns.runAndAwait(ecs, CLUSTER, family, "STOPPED");
        assertThat(task.containers().get(0).exitCode()).as("the container ran to its end: " + task).isNotNull();
        return task;
    }

    /** The container's {@code key=value} lines (the first '=' splits), from {@code docker logs}. */
    private static Map<String, String> outputOf(Task task) {
        List<String> names = TaskRuns.docker("ps", "-a", "--filter", "label=berth.task-arn=" + task.taskArn(), "--filter",
                "label=berth.container-name=app", "--format", "{{.Names}}");
        assertThat(names).hasSize(1);
        List<String> lines = TaskRuns.docker("logs", names.get(0));
        Map<String, String> values = lines.stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                        l -> l.substring(l.indexOf('=') + 1).strip(), (a, b) -> a + "\n" + b));
        assertThat(values).as("container output:\n" + String.join("\n", lines)).isNotEmpty();
        return values;
    }

}
