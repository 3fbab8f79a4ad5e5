package berth.agentwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages survive the wire unchanged; fields a peer adds are ignored and fields it lacks read as empty. */
class WireJsonTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");

    static AssignedContainer everyField() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Z_FIRST", "1");
        environment.put("A_SECOND", "2");
        return AssignedContainer.builder("web", "nginx:1")
                .repositoryCredentials("arn:aws:secretsmanager:us-east-1:123456789012:secret:creds")
                .cpu(128).memoryMiB(256).memoryReservationMiB(64).essential(false)
                .entryPoint(List.of("/bin/sh", "-c")).command(List.of("exec nginx")).environment(environment)
                .environmentFiles(List.of("arn:aws:s3:::bucket/web.env"))
                .secrets(List.of(new ContainerSecret("TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/t")))
                .portMappings(List.of(ContainerPort.tcp(80, 0), new ContainerPort(53, 5353, ContainerPort.UDP)))
                .links(List.of("db:database")).mountPoints(List.of(new VolumeMount("data", "/data", true)))
                .volumesFrom(List.of(new VolumesFromContainer("db", false)))
                .dependsOn(List.of(new DependsOn("db", DependencyCondition.HEALTHY)))
                .startTimeoutSeconds(20).stopTimeoutSeconds(5).hostname("web").user("1000").workingDirectory("/srv")
                .disableNetworking(false).privileged(true).readonlyRootFilesystem(true)
                .dnsServers(List.of("10.0.0.2")).dnsSearchDomains(List.of("corp"))
                .extraHosts(List.of(new AddedHost("db.local", "10.0.0.9")))
                .dockerSecurityOptions(List.of("no-new-privileges")).interactive(true).pseudoTerminal(true)
                .dockerLabels(Map.of("team", "a")).ulimits(List.of(new ResourceLimit("nofile", 1024, 4096)))
                .logConfiguration(new LogSettings("awslogs", Map.of("awslogs-group", "g")))
                .healthCheck(new HealthProbe(List.of("CMD", "true"), 10, 2, 1, 3))
                .systemControls(Map.of("net.core.somaxconn", "1024"))
                .linuxParameters(new LinuxFeatures(true, List.of("NET_ADMIN"), List.of("MKNOD"),
                        List.of(new HostDevice("/dev/fuse", "/dev/fuse", List.of("read"))), 64,
                        List.of(new TmpfsMount("/scratch", 16)), 0, LinuxFeatures.UNSET))
                .build();
    }

    static AssignedTask task(List<AssignedContainer> containers) {
        return new AssignedTask("arn:aws:ecs:us-east-1:123456789012:task/prod/0123", "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/abc", "EC2", "RUNNING", "PENDING", CREATED,
                "web", 3, "awsvpc", "task", "host", 512, 1024, containers,
                List.of(TaskVolume.hostPath("logs", "/var/log/web"),
                        TaskVolume.docker("data", new DockerVolumeSettings("shared", true, "local",
                                Map.of("type", "tmpfs"), Map.of("keep", "yes")))),
                30, Map.of("AWS_REGION", "us-east-1"),
                new RoleCredentials("cred-1", "arn:aws:iam::123456789012:role/task", "ASIA", "secret", "token",
                        CREATED.plusSeconds(3600), "auth-1"),
                RoleCredentials.NONE);
    }

    @Test
    void aBatchWithEveryFieldReadsBackEqual() throws IOException {
        AssignmentBatch batch = new AssignmentBatch(42, List.of(task(List.of(everyField()))));

        AssignmentBatch read = WireJson.read(WireJson.write(batch), AssignmentBatch.class);

        assertThat(read).isEqualTo(batch);
        assertThat(read.tasks().get(0).containers().get(0).environment().keySet())
                .as("variables keep the definition's order").containsExactly("Z_FIRST", "A_SECOND");
    }

    @Test
    void theJsonNamesRecordComponentsAndInstantsAsText() {
        String json = new String(WireJson.write(task(List.of(everyField()))), StandardCharsets.UTF_8);

        assertThat(json).contains("\"createdAt\":\"2025-01-01T10:00:00Z\"").contains("\"condition\":\"HEALTHY\"")
                .contains("\"networkMode\":\"awsvpc\"").contains("\"containers\":[{\"name\":\"web\"");
        assertThat(json).as("derived accessors are not fields").doesNotContain("\"taskId\":")
                .doesNotContain("\"present\":").doesNotContain("\"hasHealthCheck\":").doesNotContain("\"udp\":")
                .doesNotContain("\"shared\":").doesNotContain("\"awslogs\":");
    }

    @Test
    void fieldsAPeerDidNotSendReadAsEmpty() throws IOException {
        String minimal = """
                {"generation": 7, "tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/t1",
                  "containers": [{"name": "app"}]}]}
                """;

        AssignmentBatch batch = WireJson.read(minimal.getBytes(StandardCharsets.UTF_8), AssignmentBatch.class);

        AssignedTask task = batch.tasks().get(0);
        assertThat(task.taskId()).isEqualTo("t1");
        assertThat(task.networkMode()).isEqualTo(AssignedTask.BRIDGE);
        assertThat(task.clusterArn()).isEmpty();
        assertThat(task.createdAt()).isEqualTo(Instant.EPOCH);
        assertThat(task.volumes()).isEmpty();
        assertThat(task.environment()).isEmpty();
        assertThat(task.taskRoleCredentials()).isEqualTo(RoleCredentials.NONE);
        AssignedContainer app = task.containers().get(0);
        assertThat(app.image()).isEmpty();
        assertThat(app.command()).isEmpty();
        assertThat(app.logConfiguration()).isEqualTo(LogSettings.NONE);
        assertThat(app.healthCheck()).isEqualTo(HealthProbe.NONE);
        assertThat(app.linuxParameters()).isEqualTo(LinuxFeatures.NONE);
        assertThat(app.hasHealthCheck()).isFalse();
    }

    @Test
    void fieldsOfANewerMinorVersionAreIgnored() throws IOException {
        String newer = """
                {"generation": 1, "shard": "b", "tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/t1",
                  "priority": 9, "containers": [{"name": "app", "image": "busybox", "gpu": 1}]}]}
                """;

        AssignmentBatch batch = WireJson.read(newer.getBytes(StandardCharsets.UTF_8), AssignmentBatch.class);

        assertThat(batch.tasks().get(0).containers().get(0).image()).isEqualTo("busybox");
    }

    @Test
    void anObservationReadsBack() throws IOException {
        TaskObservation o = new TaskObservation("prod", "arn:aws:ecs:us-east-1:1:task/prod/t1",
                List.of(new TaskObservation.ContainerHealth("web", "abc", "HEALTHY")), "172.31.5.9", "0a:58:ac:1f:05:09");

        assertThat(WireJson.read(WireJson.write(o), TaskObservation.class)).isEqualTo(o);
        assertThat(WireJson.read("{}".getBytes(StandardCharsets.UTF_8), TaskObservation.class))
                .isEqualTo(new TaskObservation("", "", List.of(), "", ""));
    }

    @Test
    void aBodyThatIsNoMessageIsRefused() {
        assertThatThrownBy(() -> WireJson.read("[1,2]".getBytes(StandardCharsets.UTF_8), AssignmentBatch.class))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> WireJson.read("{\"tasks\":[{}]}".getBytes(StandardCharsets.UTF_8),
                AssignmentBatch.class)).as("a task without its ARN").isInstanceOf(IOException.class);
    }

    @Test
    void errorsCarryTheirCodeAndMessage() {
        assertThat(new String(WireJson.error("TaskNotFound", "No task x."), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"TaskNotFound\",\"message\":\"No task x.\"}");
    }
}
