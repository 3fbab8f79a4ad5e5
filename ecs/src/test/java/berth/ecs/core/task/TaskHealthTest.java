package berth.ecs.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskHealthTest {
    private static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/abc";

    @Test
    void theTaskIsAsHealthyAsItsEssentialContainersWithHealthChecks() {
        Task task = TaskFixtures.ec2Task(INSTANCE);
        assertThat(task.healthStatus()).isEqualTo("UNKNOWN");
        assertThat(TaskLifecycle.observed(task, Map.of("web", "healthy"), "", "").healthStatus()).isEqualTo("HEALTHY");
        assertThat(TaskLifecycle.observed(task, Map.of("web", "UNHEALTHY"), "", "").healthStatus())
                .isEqualTo("UNHEALTHY");
        assertThat(TaskLifecycle.observed(task, Map.of("web", "starting"), "", "").healthStatus())
                .as("Docker's starting is ECS's UNKNOWN").isEqualTo("UNKNOWN");
    }

    @Test
    void nonEssentialContainersNeverChangeTheTasksHealth() {
        Task task = TaskFixtures.ec2Task(INSTANCE);
        Task sick = TaskLifecycle.observed(task, Map.of("web", "HEALTHY", "sidecar", "UNHEALTHY"), "", "");
        assertThat(sick.healthStatus()).isEqualTo("HEALTHY");
        assertThat(sick.container("sidecar").orElseThrow().healthStatus()).isEqualTo("UNHEALTHY");
    }

    @Test
    void withoutEssentialHealthChecksTheTaskHealthIsUnknown() {
        Task task = TaskFixtures.fargateTask();
        assertThat(TaskLifecycle.observed(task, Map.of("app", "HEALTHY"), "", "").healthStatus()).isEqualTo("UNKNOWN");
    }
}
