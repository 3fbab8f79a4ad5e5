package berth.ecs.core.placement;

import static berth.ecs.core.placement.Fixtures.arn;
import static berth.ecs.core.placement.Fixtures.binpackMemory;
import static berth.ecs.core.placement.Fixtures.cluster;
import static berth.ecs.core.placement.Fixtures.ids;
import static berth.ecs.core.placement.Fixtures.instance;
import static berth.ecs.core.placement.Fixtures.strategies;
import static berth.ecs.core.placement.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.HostPorts;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceAccountingTest {

    @Test
    void eachPlacementTakesItsShareBeforeTheNextTaskIsPlaced() {
        ClusterSnapshot cluster = cluster(instance("a", 2048, 2048));

        Placement placement = Scheduler.place(cluster, task(256, 512), strategies(binpackMemory()), 1L, 5);

        assertThat(ids(placement)).containsExactly("a", "a", "a", "a");
        assertThat(placement.tasks().get(4)).isEqualTo(new TaskPlacement.NotPlaced(new PlacementFailure.Rejected(
                new InstanceRejection(arn("a"), RejectionReason.MEMORY),
                List.of(new InstanceRejection(arn("a"), RejectionReason.MEMORY)))));
        InstanceSnapshot after = placement.after().instances().get(0);
        assertThat(after.remainingCpu()).isEqualTo(1024);
        assertThat(after.remainingMemoryMiB()).isZero();
        assertThat(after.registeredMemoryMiB()).isEqualTo(2048);
        assertThat(after.pendingTasksCount()).isEqualTo(4);
        assertThat(after.runningTasksCount()).isZero();
        assertThat(after.tasks()).hasSize(4).containsOnly(new TaskOnInstance("family:web", "web"));
    }

    @Test
    void placementOverflowsToTheNextInstanceWhenOneIsFull() {
        ClusterSnapshot cluster = cluster(instance("small", 1024, 1024), instance("big", 4096, 4096));

        Placement placement = Scheduler.place(cluster, task(512, 512), strategies(binpackMemory()), 1L, 6);

        assertThat(ids(placement)).containsExactly("small", "small", "big", "big", "big", "big");
        assertThat(placement.after().instances()).extracting(InstanceSnapshot::remainingMemoryMiB)
                .containsExactly(0, 2048);
    }

    @Test
    void fixedHostPortsAreReservedPerProtocol() {
        ClusterSnapshot cluster = cluster(
                instance("a", 4096, 8192).withReservedPorts(HostPorts.tcp(80, 22)),
                instance("b", 4096, 8192).withReservedPorts(new HostPorts(Set.of(22), Set.of(80))));
        TaskRequirements web = task(64, 64).withHostPorts(HostPorts.tcp(80));

        Placement placement = Scheduler.place(cluster, web, strategies(binpackMemory()), 1L, 2);

        assertThat(ids(placement)).containsExactly("b");
        assertThat(placement.failures()).containsExactly(new InstanceRejection(arn("a"), RejectionReason.PORTS));
        assertThat(placement.after().instances().get(1).reservedPorts())
                .isEqualTo(new HostPorts(Set.of(22, 80), Set.of(80)));
    }

    @Test
    void tasksWithoutFixedPortsShareAnInstance() {
        ClusterSnapshot cluster = cluster(instance("a", 4096, 8192).withReservedPorts(HostPorts.tcp(80)));

        Placement placement = Scheduler.place(cluster, task(64, 64), List.of(), 1L, 3);

        assertThat(ids(placement)).containsExactly("a", "a", "a");
    }

    @Test
    void theInputSnapshotIsLeftAsItWasAndUntouchedInstancesAreShared() {
        InstanceSnapshot a = instance("a", 1024, 1024).withRemaining(1024, 200);
        InstanceSnapshot b = instance("b", 1024, 1024);
        ClusterSnapshot cluster = cluster(a, b);

        Placement placement = Scheduler.place(cluster, task(128, 512), strategies(binpackMemory()), 1L, 1);

        assertThat(cluster.instances()).containsExactly(a, b);
        assertThat(placement.after().instances().get(0)).isSameAs(a);
        assertThat(placement.after().instances().get(1).remainingMemoryMiB()).isEqualTo(512);
        assertThat(placement.after().tasks()).containsExactly(new TaskOnInstance("family:web", "web"));
    }

    @Test
    void placingIntoTheAfterSnapshotContinuesFromWhereTheLastCallStopped() {
        ClusterSnapshot cluster = cluster(instance("a", 1024, 1024));

        Placement first = Scheduler.place(cluster, task(256, 256), List.of(), 1L, 3);
        Placement second = Scheduler.place(first.after(), task(256, 256), List.of(), 1L, 2);

        assertThat(first.placedCount()).isEqualTo(3);
        assertThat(second.placedCount()).isEqualTo(1);
        assertThat(second.after().instances().get(0).pendingTasksCount()).isEqualTo(4);
    }

    @Test
    void memoryCountsTheTaskLevelValueOrEachContainersReservationOrHardLimit() {
        assertThat(TaskRequirements.placementMemoryMiB(1024, List.of(new ContainerMemory(4096, 0)))).isEqualTo(1024);
        assertThat(TaskRequirements.placementMemoryMiB(0, List.of(
                new ContainerMemory(512, 128), new ContainerMemory(300, 0), new ContainerMemory(0, 64))))
                .isEqualTo(128 + 300 + 64);
        assertThat(TaskRequirements.placementCpuUnits(0, List.of(256, 128))).isEqualTo(384);
        assertThat(TaskRequirements.placementCpuUnits(1024, List.of(256))).isEqualTo(1024);
    }
}
