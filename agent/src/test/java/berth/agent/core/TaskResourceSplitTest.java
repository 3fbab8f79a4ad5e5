package berth.agent.core;

import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task-level sizes become real per-container limits that together stay within the task. */
class TaskResourceSplitTest {

    private static Map<String, Resources> split(Fixtures.Definition definition) {
        return TaskResourceSplit.of(task("t1", definition));
    }

    @Test
    void aSingleContainerGetsExactlyTheTasksSize() {
        Map<String, Resources> split = split(definition("awsvpc", 512, 1024, List.of(),
                container("web").build()));

        assertThat(split.get("web").nanoCpus()).isEqualTo(500_000_000L);
        assertThat(split.get("web").memoryLimitMiB()).isEqualTo(1024);
    }

    @Test
    void containersShareTheTaskByTheirCpuAndKeepTheirOwnMemoryLimits() {
        Map<String, Resources> split = split(definition("awsvpc", 1024, 2048, List.of(),
                container("web").cpu(768).memoryMiB(512).build(), container("log").build(), container("sidecar").build()));

        assertThat(split.get("web").nanoCpus()).isEqualTo(750_000_000L);
        assertThat(split.get("log").nanoCpus()).isEqualTo(125_000_000L);
        assertThat(split.get("sidecar").nanoCpus()).isEqualTo(125_000_000L);
        assertThat(split.get("web").memoryLimitMiB()).isEqualTo(512);
        assertThat(split.get("log").memoryLimitMiB()).isEqualTo(768);
        assertThat(split.values().stream().mapToLong(Resources::memoryLimitMiB).sum()).isEqualTo(2048);
        assertThat(split.values().stream().mapToLong(Resources::nanoCpus).sum()).isEqualTo(1_000_000_000L);
    }

    @Test
    void withoutATaskSizeContainersGetOnlyTheirOwnSettings() {
        Map<String, Resources> split = split(definition(container("web").cpu(128).memoryReservationMiB(64)
                .build()));

        assertThat(split.get("web")).isEqualTo(new Resources(128, 0, 0, 64));
    }

    @Test
    void aReservationAboveTheShareIsCappedAtTheShare() {
        Map<String, Resources> split = split(definition("awsvpc", 256, 512, List.of(),
                container("a").memoryReservationMiB(400).build(), container("b").build()));

        assertThat(split.get("a").memoryLimitMiB()).isEqualTo(256);
        assertThat(split.get("a").memoryReservationMiB()).isEqualTo(256);
    }
}
