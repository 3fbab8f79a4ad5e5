package berth.e2e.ecs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * RunTask on clusters of several registered instances with declared capacities: berth's scheduler
 * places by binpack, spread and random, honours memberOf and distinctInstance, reports ECS's failures,
 * and keeps resource accounting exact under concurrent RunTasks.
 */
@BerthTest
class TaskPlacementTest {
    private final EcsClient ecs;
    private final URI endpoint;
    private final List<FakeAgent> agents = new ArrayList<>();

    TaskPlacementTest(EcsClient ecs, URI endpoint) {
        this.ecs = ecs;
        this.endpoint = endpoint;
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx")
                .memory(256).cpu(128)));
        ecs.registerTaskDefinition(r -> r.family("huge").containerDefinitions(c -> c.name("web").image("nginx")
                .memory(8192)));
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(FakeAgent::close);
    }

    /** A cluster of instances a (us-east-1a, 2048 MiB), b (us-east-1b, 1024 MiB), c (us-east-1c, 1536 MiB). */
    private Map<String, String> cluster(String name) {
        ecs.createCluster(r -> r.clusterName(name));
        Map<String, String> arns = new java.util.LinkedHashMap<>();
        arns.put("a", agent(name, "i-" + name + "a", "us-east-1a", 2048));
        arns.put("b", agent(name, "i-" + name + "b", "us-east-1b", 1024));
        arns.put("c", agent(name, "i-" + name + "c", "us-east-1c", 1536));
        return arns;
    }

    private String agent(String cluster, String ec2Id, String zone, int memory) {
        FakeAgent agent = new FakeAgent(endpoint, ecs, cluster).register(ec2Id, zone, 4096, memory).start();
        agents.add(agent);
        return agent.arn();
    }

    private static Map<String, Long> byInstance(List<Task> tasks, Map<String, String> names) {
        Map<String, String> nameOf = names.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return tasks.stream().collect(Collectors.groupingBy(t -> nameOf.get(t.containerInstanceArn()),
                java.util.TreeMap::new, Collectors.counting()));
    }

    private Map<String, Integer> remainingMemory(String cluster, Map<String, String> names) {
        Map<String, Integer> remaining = new java.util.TreeMap<>();
        for (ContainerInstance i : ecs.describeContainerInstances(r -> r.cluster(cluster)
                .containerInstances(names.values())).containerInstances()) {
            String name = names.entrySet().stream().filter(e -> e.getValue().equals(i.containerInstanceArn()))
                    .findFirst().orElseThrow().getKey();
            remaining.put(name, i.remainingResources().stream().filter(x -> x.name().equals("MEMORY"))
                    .map(Resource::integerValue).findFirst().orElseThrow());
        }
        return remaining;
    }

    @Test
    void binpackFillsTheFullestInstanceFirst() {
        Map<String, String> names = cluster("binpack");
        RunTaskResponse run = ecs.runTask(r -> r.cluster("binpack").taskDefinition("web").count(5)
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field("memory").build()));
        assertThat(run.failures()).isEmpty();
        assertThat(byInstance(run.tasks(), names)).containsExactly(Map.entry("b", 4L), Map.entry("c", 1L));
        assertThat(run.tasks()).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
            assertThat(t.desiredStatus()).isEqualTo("RUNNING");
            assertThat(t.launchType().toString()).isEqualTo("EC2");
            assertThat(t.group()).isEqualTo("family:web");
            assertThat(t.taskArn()).matches("arn:aws:ecs:us-east-1:000000000000:task/binpack/[0-9a-f]{32}");
            assertThat(t.version()).isEqualTo(1L);
        });
        assertThat(remainingMemory("binpack", names)).containsExactly(Map.entry("a", 2048), Map.entry("b", 0),
                Map.entry("c", 1280));
        ContainerInstance b = ecs.describeContainerInstances(r -> r.cluster("binpack").containerInstances(names.get("b")))
                .containerInstances().get(0);
        assertThat(b.pendingTasksCount() + b.runningTasksCount()).as("pending until the agent reports RUNNING")
                .isEqualTo(4);
    }

    @Test
    void spreadBalancesAcrossInstancesAndRandomPlacesEverything() {
        Map<String, String> names = cluster("spread");
        RunTaskResponse spread = ecs.runTask(r -> r.cluster("spread").taskDefinition("web").count(6)
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId")
                        .build()));
        assertThat(byInstance(spread.tasks(), names)).containsExactly(Map.entry("a", 2L), Map.entry("b", 2L),
                Map.entry("c", 2L));
        RunTaskResponse random = ecs.runTask(r -> r.cluster("spread").taskDefinition("web").count(5));
        assertThat(random.tasks()).hasSize(5);
        assertThat(random.failures()).isEmpty();
    }

    @Test
    void memberOfAndDistinctInstanceConstrainPlacement() {
        Map<String, String> names = cluster("constrained");
        RunTaskResponse zoneC = ecs.runTask(r -> r.cluster("constrained").taskDefinition("web").count(2)
                .placementConstraints(PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF)
                        .expression("attribute:ecs.availability-zone == us-east-1c").build()));
        assertThat(byInstance(zoneC.tasks(), names)).containsExactly(Map.entry("c", 2L));

        RunTaskResponse distinct = ecs.runTask(r -> r.cluster("constrained").taskDefinition("web").count(4)
                .group("distinct-batch")
                .placementConstraints(PlacementConstraint.builder().type(PlacementConstraintType.DISTINCT_INSTANCE)
                        .build()));
        assertThat(byInstance(distinct.tasks(), names)).containsOnlyKeys("a", "b", "c")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
        assertThat(distinct.failures()).singleElement().satisfies(f ->
                assertThat(f.reason()).isEqualTo("DistinctInstance placement constraint unsatisfied."));
        assertThat(distinct.tasks()).allSatisfy(t -> assertThat(t.group()).isEqualTo("distinct-batch"));
    }

    @Test
    void tooBigATaskFailsWithResourceReasonsAndEmptyClustersAreRefused() {
        Map<String, String> names = cluster("full");
        RunTaskResponse huge = ecs.runTask(r -> r.cluster("full").taskDefinition("huge"));
        assertThat(huge.tasks()).isEmpty();
        assertThat(huge.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("RESOURCE:MEMORY");
            assertThat(names.values()).contains(f.arn());
        });

        ecs.createCluster(r -> r.clusterName("empty"));
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("empty").taskDefinition("web")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("No Container Instances were found in your cluster.");

        ecs.updateContainerInstancesState(r -> r.cluster("full").status(ContainerInstanceStatus.DRAINING)
                .containerInstances(names.get("a"), names.get("c")));
        RunTaskResponse drained = ecs.runTask(r -> r.cluster("full").taskDefinition("web").count(3));
        assertThat(byInstance(drained.tasks(), names)).as("draining instances get no new tasks")
                .containsExactly(Map.entry("b", 3L));
    }

    @Test
    void requestsEcsRefusesAreRefusedWithItsErrors() {
        cluster("refusals");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web").launchType("FARGATE")))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("Task definition does not support launch_type FARGATE.");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("nope")))
                .isInstanceOf(ClientException.class).hasMessageContaining("TaskDefinition not found.");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web").count(11)))
                .isInstanceOf(InvalidParameterException.class);
        List<PlacementConstraint> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i ->
                PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF)
                        .expression("attribute:ecs.os-type == linux").build()).toList();
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web")
                .placementConstraints(eleven))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at most 10 placement constraints");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web")
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field("disk")
                        .build()))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web").startedBy("x".repeat(129))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web").platformVersion("LATEST")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The platform version must be null when specifying an EC2 launch type.");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("refusals").taskDefinition("web").overrides(o -> o
                .containerOverrides(c -> c.name("db").command("x"))))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Override for container named db is not a container in the TaskDefinition.");
    }

    @Test
    void tenConcurrentRunTasksNeverOvercommitAnInstance() throws Exception {
        Map<String, String> names = cluster("race");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<RunTaskResponse>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(pool.submit(() -> ecs.runTask(r -> r.cluster("race").taskDefinition("web").count(3))));
        }
        List<Task> placed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Future<RunTaskResponse> run : runs) {
            placed.addAll(run.get().tasks());
            run.get().failures().forEach(f -> reasons.add(f.reason()));
        }
        pool.shutdown();
        int capacity = (2048 + 1024 + 1536) / 256;
        assertThat(placed).hasSize(capacity);
        assertThat(placed.stream().map(Task::taskArn).distinct()).hasSize(capacity);
        assertThat(reasons).isNotEmpty().containsOnly("RESOURCE:MEMORY");
        assertThat(remainingMemory("race", names)).containsValues(0, 0, 0);
        Map<String, Long> counts = byInstance(placed, names);
        assertThat(counts).containsExactly(Map.entry("a", 8L), Map.entry("b", 4L), Map.entry("c", 6L));
        Function<String, Integer> held = arn -> {
            ContainerInstance i = ecs.describeContainerInstances(r -> r.cluster("race").containerInstances(arn))
                    .containerInstances().get(0);
            return i.pendingTasksCount() + i.runningTasksCount();
        };
        assertThat(held.apply(names.get("a"))).isEqualTo(8);
    }
}
