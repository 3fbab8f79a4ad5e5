package berth.ecs.core.placement;

import static berth.ecs.core.placement.Fixtures.binpackCpu;
import static berth.ecs.core.placement.Fixtures.binpackMemory;
import static berth.ecs.core.placement.Fixtures.cluster;
import static berth.ecs.core.placement.Fixtures.ids;
import static berth.ecs.core.placement.Fixtures.instance;
import static berth.ecs.core.placement.Fixtures.spreadInstances;
import static berth.ecs.core.placement.Fixtures.spreadZones;
import static berth.ecs.core.placement.Fixtures.strategies;
import static berth.ecs.core.placement.Fixtures.task;
import static berth.ecs.core.placement.Fixtures.withTasks;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementStrategiesTest {

    @Test
    void binpackMemoryPicksTheLeastRemainingMemoryThatStillFits() {
        ClusterSnapshot cluster = cluster(
                instance("roomy", 4096, 8192).withRemaining(4096, 3000),
                instance("tight", 4096, 8192).withRemaining(4096, 1000),
                instance("full", 4096, 8192).withRemaining(4096, 500));

        Placement placement = Scheduler.place(cluster, task(100, 600), strategies(binpackMemory()), 1L, 3);

        assertThat(ids(placement)).containsExactly("tight", "roomy", "roomy");
    }

    @Test
    void binpackCpuPicksTheLeastRemainingCpuThatStillFits() {
        ClusterSnapshot cluster = cluster(
                instance("a", 4096, 8192).withRemaining(3000, 8192),
                instance("b", 4096, 8192).withRemaining(1024, 8192),
                instance("c", 4096, 8192).withRemaining(1500, 8192));

        Placement placement = Scheduler.place(cluster, task(512, 128), strategies(binpackCpu()), 1L, 4);

        assertThat(ids(placement)).containsExactly("b", "b", "c", "c");
    }

    @Test
    void binpackChoosesAmongExactTiesAtRandom() {
        ClusterSnapshot cluster = cluster(instance("a", 1024, 2048), instance("b", 1024, 2048));
        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            chosen.addAll(ids(Scheduler.place(cluster, task(128, 128), strategies(binpackMemory()), seed, 1)));
        }
        assertThat(chosen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void spreadByInstanceEvensOutTheGroupsTasks() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("a", 4096, 8192), "family:web", 2),
                instance("b", 4096, 8192),
                withTasks(instance("c", 4096, 8192), "family:web", 1));

        Placement placement = Scheduler.place(cluster, task(64, 64), strategies(spreadInstances()), 7L, 3);

        assertThat(ids(placement).get(0)).isEqualTo("b");
        assertThat(ids(placement).subList(1, 3)).containsExactlyInAnyOrder("b", "c");
        assertThat(groupCounts(placement.after(), "family:web")).containsOnly(
                Map.entry("a", 2), Map.entry("b", 2), Map.entry("c", 2));
    }

    @Test
    void spreadCountsOnlyTasksOfTheSameGroup() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("a", 4096, 8192), "family:batch", 5),
                withTasks(instance("b", 4096, 8192), "family:web", 1));

        Placement placement = Scheduler.place(cluster, task(64, 64), strategies(spreadInstances()), 1L, 1);

        assertThat(ids(placement)).containsExactly("a");
    }

    @Test
    void hostIsTheSameFieldAsInstanceId() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("a", 4096, 8192), "family:web", 1), instance("b", 4096, 8192));

        Placement placement = Scheduler.place(cluster, task(64, 64),
                strategies(PlacementStrategy.of("spread", "host")), 1L, 1);

        assertThat(ids(placement)).containsExactly("b");
    }

    @Test
    void spreadByAttributeBalancesAcrossItsValues() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("a1", 4096, 8192, "us-east-1a", "t3.large"), "family:web", 1),
                instance("a2", 4096, 8192, "us-east-1a", "t3.large"),
                instance("b1", 4096, 8192, "us-east-1b", "t3.large"),
                instance("c1", 4096, 8192, "us-east-1c", "t3.large"));

        Placement placement = Scheduler.place(cluster, task(64, 64), strategies(spreadZones()), 3L, 5);

        assertThat(ids(placement).subList(0, 2)).containsExactlyInAnyOrder("b1", "c1");
        assertThat(zoneCounts(placement.after(), "family:web")).containsOnly(
                Map.entry("us-east-1a", 2), Map.entry("us-east-1b", 2), Map.entry("us-east-1c", 2));
    }

    @Test
    void instancesWithoutTheSpreadAttributeFormOneMoreValue() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("zoned", 4096, 8192), "family:web", 1),
                InstanceSnapshot.active(Fixtures.arn("bare"), "i-bare", 4096, 8192, Map.of()));

        Placement placement = Scheduler.place(cluster, task(64, 64), strategies(spreadZones()), 1L, 1);

        assertThat(ids(placement)).containsExactly("bare");
    }

    @Test
    void laterStrategiesBreakTheTiesOfEarlierOnes() {
        ClusterSnapshot cluster = cluster(
                instance("a1", 4096, 8192, "us-east-1a", "t3.large").withRemaining(4096, 1000),
                instance("a2", 4096, 8192, "us-east-1a", "t3.large").withRemaining(4096, 3000),
                instance("b1", 4096, 8192, "us-east-1b", "t3.large").withRemaining(4096, 5000));

        Placement placement = Scheduler.place(cluster, task(64, 256),
                strategies(spreadZones(), binpackMemory()), 1L, 3);

        assertThat(ids(placement)).containsExactly("a1", "b1", "a1");
    }

    @Test
    void randomSpreadsTasksAcrossTheClusterAndRepeatsForTheSameSeed() {
        ClusterSnapshot cluster = cluster(instance("a", 100_000, 100_000), instance("b", 100_000, 100_000),
                instance("c", 100_000, 100_000), instance("d", 100_000, 100_000));
        List<PlacementStrategy> random = strategies(new PlacementStrategy.Random());

        Placement first = Scheduler.place(cluster, task(10, 10), random, 42L, 400);
        Placement again = Scheduler.place(cluster, task(10, 10), random, 42L, 400);

        assertThat(ids(first)).isEqualTo(ids(again));
        Map<String, Integer> counts = new HashMap<>();
        ids(first).forEach(id -> counts.merge(id, 1, Integer::sum));
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
    }

    @Test
    void strategiesAfterRandomDoNotApply() {
        ClusterSnapshot cluster = cluster(
                instance("tight", 4096, 8192).withRemaining(4096, 512), instance("roomy", 4096, 8192));
        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            chosen.addAll(ids(Scheduler.place(cluster, task(64, 256),
                    strategies(new PlacementStrategy.Random(), binpackMemory()), seed, 1)));
        }
        assertThat(chosen).containsExactlyInAnyOrder("tight", "roomy");
    }

    @Test
    void serviceTasksDefaultToSpreadingAcrossZonesThenInstances() {
        ClusterSnapshot cluster = cluster(
                instance("a1", 4096, 8192, "us-east-1a", "t3.large"),
                instance("a2", 4096, 8192, "us-east-1a", "t3.large"),
                instance("b1", 4096, 8192, "us-east-1b", "t3.large"));
        TaskRequirements service = task(64, 64).withGroup("service:web");

        Placement placement = Scheduler.place(cluster, service, List.of(), 9L, 3);

        assertThat(ids(placement)).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(PlacementStrategy.defaultsFor("service:web")).isEqualTo(PlacementStrategy.SERVICE_DEFAULT);
    }

    @Test
    void standaloneTasksDefaultToRandomPlacement() {
        assertThat(PlacementStrategy.defaultsFor("family:web")).isEqualTo(PlacementStrategy.RUN_TASK_DEFAULT);
        assertThat(PlacementStrategy.RUN_TASK_DEFAULT).containsExactly(new PlacementStrategy.Random());
        ClusterSnapshot cluster = cluster(instance("a", 100_000, 100_000), instance("b", 100_000, 100_000));

        Placement placement = Scheduler.place(cluster, task(10, 10), List.of(), 5L, 50);

        assertThat(Set.copyOf(ids(placement))).containsExactlyInAnyOrder("a", "b");
    }

    private static Map<String, Integer> groupCounts(ClusterSnapshot cluster, String group) {
        Map<String, Integer> counts = new HashMap<>();
        for (InstanceSnapshot instance : cluster.instances()) {
            String id = instance.ec2InstanceId().substring(2);
            counts.put(id, (int) instance.tasks().stream().filter(t -> t.group().equals(group)).count());
        }
        return counts;
    }

    private static Map<String, Integer> zoneCounts(ClusterSnapshot cluster, String group) {
        Map<String, Integer> counts = new HashMap<>();
        for (InstanceSnapshot instance : cluster.instances()) {
            int n = (int) instance.tasks().stream().filter(t -> t.group().equals(group)).count();
            counts.merge(instance.attributes().get(InstanceSnapshot.AVAILABILITY_ZONE), n, Integer::sum);
        }
        return counts;
    }
}
