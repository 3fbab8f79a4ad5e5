package berth.localagent;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.loop.HostRegistration;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent registers every attribute ECS's registration makes a task definition require, so
 * placement finds a host for any definition berth accepts. It lives here, where both the agent and
 * ECS are visible; the agent itself compiles against the agent protocol only.
 */
class RegisteredCapabilitiesTest {

    private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "Debian", "linux", "x86_64", "6.1",
            4, 8192, List.of("json-file", "syslog", "local"));

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
