package berth.ecs.state;

import berth.aws.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.LaunchType;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.ContainerInstanceRegistration;
import berth.ecs.core.instance.InstanceIdentity;
import berth.ecs.core.instance.InstanceResources;
import berth.ecs.core.instance.VersionInfo;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.task.ContainerStatus;
import berth.ecs.core.task.ContainerReport;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskReport;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.core.task.TaskTimes;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    @TempDir
    Path dir;
    Store store;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ContainerInstance registerInstance(String id, int cpu, int memory) {
        ContainerInstance instance = ContainerInstanceRegistration.register(SCOPE, "prod", id,
                new InstanceIdentity("i-" + id, "us-east-1", "us-east-1a", "m5.large", "x86_64", "", "10.0.0.1"),
                new InstanceResources(cpu, memory, Set.of(22), Set.of()), VersionInfo.none(), List.of(), Map.of(), NOW);
        new ContainerInstanceRecords(store).save(instance, Store.ABSENT);
        return instance;
    }

    private TaskLaunch launch() {
        var web = berth.ecs.core.taskdef.ContainerDefinition.builder("web", "nginx").memoryMiB(512).cpu(256).build();
        TaskDefinition draft = new TaskDefinition("000000000000", "us-east-1", "web", 0,
                berth.ecs.core.taskdef.TaskDefinitionStatus.ACTIVE, "", "", "bridge", List.of(web), List.of(), List.of(),
                List.of(), List.of(), List.of(), "", "", 0, 0, "", "", 0,
                berth.ecs.core.taskdef.RuntimePlatform.none(), Map.of(), NOW, Instant.EPOCH, "root");
        TaskDefinition definition = new TaskDefinitionRecords(store)
                .register(berth.ecs.core.taskdef.TaskDefinitionRegistration.register(draft));
        return new TaskLaunch("000000000000", "us-east-1", "prod", definition.arn(), definition, LaunchType.EC2, "", "",
                "family:web", "", Map.of("k", "v"), TaskOverrides.none(), "", false, List.of());
    }

    @Test
    void tasksRoundTripThroughTheStoreInTheShapeClusterActivityCounts() {
        ContainerInstance instance = registerInstance("a1", 4096, 8192);
        TaskLaunch launch = launch();
        TaskPlacements placements = new TaskPlacements(store, clock, new SecureRandom());
        var outcome = placements.onCluster(launch, launch.definition().requirements("family:web"),
                List.of(new PlacementStrategy.Random()), new SplittableRandom(1), 2, Optional.empty());
        assertThat(outcome.tasks()).hasSize(2);
        Task stored = new TaskRecords(store).find(outcome.tasks().get(0).key()).orElseThrow().value();
        assertThat(stored).isEqualTo(outcome.tasks().get(0));

        var counts = new ClusterActivity(store).counts(SCOPE, "prod");
        assertThat(counts.pendingEc2()).isEqualTo(2);
        assertThat(new ClusterActivity(store).tasksByInstance(SCOPE, "prod"))
                .containsOnlyKeys(instance.arn());

        TaskCommits commits = new TaskCommits(store);
        commits.change(stored.key(), t -> TaskLifecycle.reported(t, new TaskReport(TaskStatus.RUNNING, "",
                List.of(new ContainerReport("web", "c1", ContainerStatus.RUNNING, false, 0, "", "", List.of())),
                TaskTimes.UNSET, TaskTimes.UNSET, TaskTimes.UNSET), NOW));
        ContainerInstance after = new ContainerInstanceRecords(store).find(SCOPE, "prod", "a1")
                .orElseThrow().value();
        assertThat(after.runningTasksCount()).isEqualTo(1);
        assertThat(after.pendingTasksCount()).isEqualTo(1);
        assertThat(new ClusterActivity(store).counts(SCOPE, "prod").runningEc2()).isEqualTo(1);

        commits.change(stored.key(), t -> TaskLifecycle.reported(t, new TaskReport(TaskStatus.STOPPED, "", List.of(),
                TaskTimes.UNSET, TaskTimes.UNSET, TaskTimes.UNSET), NOW));
        ContainerInstance released = new ContainerInstanceRecords(store).find(SCOPE, "prod", "a1")
                .orElseThrow().value();
        assertThat(released.runningTasksCount()).isZero();
        assertThat(released.remainingResources().memoryMiB())
                .isEqualTo(8192 - launch.definition().placementMemoryMiB());
    }

    @Test
    void concurrentLaunchesNeverOvercommitAnInstance() throws Exception {
        registerInstance("b1", 4096, 4 * 512);
        registerInstance("b2", 4096, 3 * 512);
        TaskLaunch launch = launch();
        assertThat(launch.definition().placementMemoryMiB()).isEqualTo(512);
        TaskPlacements placements = new TaskPlacements(store, clock, new SecureRandom());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<TaskPlacements.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int seed = i;
            futures.add(pool.submit(() -> placements.onCluster(launch, launch.definition().requirements("family:web"),
                    List.of(), new SplittableRandom(seed), 1, Optional.empty())));
        }
        int placed = 0;
        int failed = 0;
        for (Future<TaskPlacements.Outcome> f : futures) {
            placed += f.get().tasks().size();
            failed += f.get().failures().isEmpty() ? 0 : 1;
        }
        pool.shutdown();
        assertThat(placed).isEqualTo(7);
        assertThat(failed).isEqualTo(3);
        for (var v : new ContainerInstanceRecords(store).versioned(SCOPE, "prod")) {
            assertThat(v.value().remainingResources().memoryMiB()).isZero();
            assertThat(v.value().pendingTasksCount()).isEqualTo(v.value().registeredResources().memoryMiB() / 512);
        }
    }
}
