package berth.ecs.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.LaunchType;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.TaskDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskOverridesMergeTest {
    private final TaskDefinition bridge = TaskFixtures.bridge();

    private static TaskOverrides containers(ContainerOverride... overrides) {
        return new TaskOverrides(List.of(overrides), "", "", "", "", 0);
    }

    @Test
    void noOverridesRunTheRegisteredDefinition() {
        assertThat(TaskOverridesMerge.apply(bridge, TaskOverrides.none(), LaunchType.EC2)).isSameAs(bridge);
    }

    @Test
    void commandAndEnvironmentFilesReplaceEnvironmentMergesByName() {
        ContainerOverride web = new ContainerOverride("web", List.of("sh", "-c", "echo hi"),
                List.of(new KeyValue("LEVEL", "debug"), new KeyValue("EXTRA", "1")),
                List.of(new EnvironmentFile("arn:aws:s3:::bucket/web.env", "s3")), ContainerOverride.UNSET, 512,
                ContainerOverride.UNSET);
        TaskDefinition effective = TaskOverridesMerge.apply(bridge, containers(web), LaunchType.EC2);
        ContainerDefinition c = effective.container("web").orElseThrow();
        assertThat(c.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(c.environment()).containsExactly(new KeyValue("MODE", "prod"), new KeyValue("LEVEL", "debug"),
                new KeyValue("EXTRA", "1"));
        assertThat(c.environmentFiles()).containsExactly(new EnvironmentFile("arn:aws:s3:::bucket/web.env", "s3"));
        assertThat(c.memoryMiB()).isEqualTo(512);
        assertThat(c.cpu()).as("unset numbers keep the definition's").isEqualTo(128);
        assertThat(effective.container("sidecar")).isEqualTo(bridge.container("sidecar"));
        assertThat(effective.arn()).isEqualTo(bridge.arn());
        assertThat(effective.placementMemoryMiB()).isEqualTo(512 + 64);
    }

    @Test
    void emptyCommandOverridesNothing() {
        TaskDefinition effective = TaskOverridesMerge.apply(bridge, containers(ContainerOverride.named("web")),
                LaunchType.EC2);
        assertThat(effective.container("web").orElseThrow().command()).containsExactly("nginx", "-g", "daemon off;");
    }

    @Test
    void taskSizesAndRolesReplaceTheDefinitions() {
        TaskOverrides task = new TaskOverrides(List.of(), "1 vCPU", "2 GB", "arn:aws:iam::123456789012:role/app",
                "arn:aws:iam::123456789012:role/exec", 0);
        TaskDefinition effective = TaskOverridesMerge.apply(bridge, task, LaunchType.EC2);
        assertThat(effective.cpu()).isEqualTo("1024");
        assertThat(effective.memory()).isEqualTo("2048");
        assertThat(effective.cpuUnits()).isEqualTo(1024);
        assertThat(effective.placementMemoryMiB()).isEqualTo(2048);
        assertThat(effective.taskRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/app");
        assertThat(effective.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/exec");
    }

    @Test
    void overridesAreCheckedAsRegistrationChecksDefinitions() {
        assertThatThrownBy(() -> TaskOverridesMerge.apply(bridge, containers(ContainerOverride.named("db")),
                LaunchType.EC2)).isInstanceOf(InvalidTaskDefinitionException.class)
                .hasMessage("Override for container named db is not a container in the TaskDefinition.");
        ContainerOverride tooSmall = new ContainerOverride("web", List.of(), List.of(), List.of(),
                ContainerOverride.UNSET, 128, 256);
        assertThatThrownBy(() -> TaskOverridesMerge.apply(bridge, containers(tooSmall), LaunchType.EC2))
                .hasMessageContaining("'memory' must be greater than or equal to 'memoryReservation'");
        assertThatThrownBy(() -> TaskOverridesMerge.apply(bridge, new TaskOverrides(List.of(), "lots", "", "", "", 0),
                LaunchType.EC2)).hasMessage("Invalid 'cpu' setting for task.");
        TaskDefinition fargate = TaskFixtures.fargate();
        assertThatThrownBy(() -> TaskOverridesMerge.apply(fargate, new TaskOverrides(List.of(), "", "8 GB", "", "", 0),
                LaunchType.FARGATE)).hasMessageStartingWith("No Fargate configuration exists for given values: 256 CPU,"
                + " 8192 memory.");
        assertThat(TaskOverridesMerge.apply(fargate, new TaskOverrides(List.of(), "", "1 GB", "", "", 30),
                LaunchType.FARGATE).ephemeralStorageGiB()).isEqualTo(30);
    }
}
