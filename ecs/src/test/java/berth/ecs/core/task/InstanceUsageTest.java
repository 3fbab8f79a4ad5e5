package berth.ecs.core.task;

import static berth.ecs.core.task.TaskFixtures.T0;
import static berth.ecs.core.task.TaskFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.instance.ContainerInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceUsageTest {
    private final ContainerInstance instance = TaskFixtures.instance("abc", "i-1");

    @Test
    void unstoppedTasksHoldTheirReservationAndAreCountedByStatus() {
        Task pending = TaskFixtures.ec2Task(instance.arn());
        Task running = TaskLifecycle.reported(TaskFixtures.ec2Task(instance.arn()), report(TaskStatus.RUNNING), T0);
        ContainerInstance used = InstanceUsage.accounted(instance, List.of(pending, running));
        assertThat(used.remainingResources().cpu()).isEqualTo(2048 - 2 * 128);
        assertThat(used.remainingResources().memoryMiB()).isEqualTo(4096 - 2 * (256 + 64));
        assertThat(used.remainingResources().tcpPorts()).containsExactlyInAnyOrder(22, 80);
        assertThat(used.pendingTasksCount()).isEqualTo(1);
        assertThat(used.runningTasksCount()).isEqualTo(1);

        Task stopped = TaskLifecycle.reported(running, report(TaskStatus.STOPPED), T0.plusSeconds(1));
        ContainerInstance released = InstanceUsage.accounted(used, List.of(pending, stopped));
        assertThat(released.remainingResources().memoryMiB()).isEqualTo(4096 - (256 + 64));
        assertThat(released.runningTasksCount()).isZero();
        assertThat(InstanceUsage.accounted(released, List.of()).remainingResources())
                .isEqualTo(instance.registeredResources());
    }
}
