package berth.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.EngineInfo;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.ContainerDependency;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.HealthCheck;
import berth.ecs.core.taskdef.LinuxParameters;
import berth.ecs.core.taskdef.LogConfiguration;
import berth.ecs.core.taskdef.MountPoint;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.Secret;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.core.taskdef.Volume;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host registers its capacity, ECS's reserved ports and every capability a task definition can require. */
class HostRegistrationTest {

    private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "Debian", "linux", "x86_64", "6.1",
            4, 8192, List.of("json-file", "syslog", "local"));

    private static AgentConfig config(Optional<Integer> cpu, Optional<Long> memory) {
        return new AgentConfig("prod", new AwsEndpoint(URI.create("http://127.0.0.1:4566"), "eu-west-1", "test", "test"),
                cpu, memory, "edge-1", "", Map.of("stack", "blue"), Path.of("/tmp/unused"), Duration.ofHours(1), 4);
    }

    @Test
    void registersTheHostsCapacityLessTheReserveAndEcsReservedPorts() {
        InstanceRegistration r = HostRegistration.of(config(Optional.empty(), Optional.empty()), ENGINE,
                "i-0123456789abcdef0", Optional.empty());

        assertThat(r.cpuUnits()).isEqualTo(4096);
        assertThat(r.memoryMiB()).isEqualTo(8192 - 256);
        assertThat(r.reservedTcpPorts()).containsExactly("22", "2375", "2376", "51678", "51679");
        assertThat(r.reservedUdpPorts()).isEmpty();
        assertThat(r.identityDocument()).contains("\"instanceId\":\"i-0123456789abcdef0\"")
                .contains("\"availabilityZone\":\"eu-west-1a\"").contains("\"instanceType\":\"berth.local\"");
        assertThat(r.attributes()).containsEntry("stack", "blue")
                .containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.17")
                .containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.41")
                .doesNotContainKey("com.amazonaws.ecs.capability.docker-remote-api.1.42")
                .containsKey("com.amazonaws.ecs.capability.logging-driver.syslog");
        assertThat(r.tags()).containsEntry("Name", "edge-1");
    }

    @Test
    void declaredCapacityReplacesTheHosts() {
        InstanceRegistration r = HostRegistration.of(config(Optional.of(1536), Optional.of(700L)), ENGINE, "i-1",
                Optional.of("arn:aws:ecs:eu-west-1:000000000000:container-instance/prod/abc"));

        assertThat(r.cpuUnits()).isEqualTo(1536);
        assertThat(r.memoryMiB()).isEqualTo(700);
        assertThat(r.containerInstanceArn()).contains("arn:aws:ecs:eu-west-1:000000000000:container-instance/prod/abc");
    }

    @Test
    void registersEveryAttributeTaskDefinitionsRequire() {
        var everything = ContainerDefinition.builder("app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")
                .memoryMiB(256).memoryReservationMiB(128).privileged(true)
                .healthCheck(new HealthCheck(List.of("CMD-SHELL", "true"), 30, 5, 3, 0))
                .dependsOn(List.of(new ContainerDependency("side", ContainerDependency.Condition.START)))
                .linuxParameters(new LinuxParameters(true, List.of(), List.of(), List.of(), 0, List.of(),
                        LinuxParameters.UNSET, LinuxParameters.UNSET))
                .environmentFiles(List.of(new EnvironmentFile("arn:aws:s3:::bucket/app.env", "s3")))
                .repositoryCredentials("arn:aws:secretsmanager:us-east-1:123456789012:secret:creds")
                .secrets(List.of(new Secret("A", "arn:aws:secretsmanager:us-east-1:123456789012:secret:a"),
                        new Secret("B", "arn:aws:ssm:us-east-1:123456789012:parameter/b")))
                .logConfiguration(new LogConfiguration("awslogs", Map.of("awslogs-group", "g", "awslogs-region", "us-east-1"), List.of()))
                .mountPoints(List.of(new MountPoint("data", "/data", false)))
                .build();
        var side = ContainerDefinition.builder("side", "busybox").memoryMiB(64).essential(false)
                .logConfiguration(new LogConfiguration("syslog", Map.of(), List.of())).build();
        var volume = Volume.docker("data", new Volume.DockerVolumeConfiguration("task", false, "", Map.of(), Map.of()));
        Map<String, String> registered = HostRegistration.capabilities(ENGINE);
        for (String mode : List.of("awsvpc", "bridge")) {
            TaskDefinition draft = new TaskDefinition("123456789012", "us-east-1", "all", 0, TaskDefinitionStatus.ACTIVE,
                    "arn:aws:iam::123456789012:role/task", "arn:aws:iam::123456789012:role/exec", mode,
                    List.of(everything, side), List.of(volume), List.of(), List.of(), List.of(), List.of(), "", "", 0, 0,
                    "", "", 0, RuntimePlatform.none(), Map.of(), Instant.EPOCH, Instant.EPOCH, "root");

            List<String> required = TaskDefinitionRegistration.register(draft).requiresAttributes();

            assertThat(required).isNotEmpty();
            assertThat(registered.keySet()).containsAll(required);
        }
    }
}
