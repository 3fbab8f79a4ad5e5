package berth.bench;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.placement.Placement;
import berth.ecs.core.placement.PlacementConstraint;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.placement.Scheduler;
import berth.ecs.core.placement.TaskRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Task placement on a simulated cluster of 5,000 container instances (3 zones, 4 instance types,
 * uneven remaining capacity, a few tasks of other groups on most instances), binpack on memory
 * with a memberOf constraint that keeps about half the instances. Each call places into the same
 * starting snapshot, so every measured decision scans a full 5,000-instance cluster.
 *
 * <ul>
 *   <li>{@code runTaskOfTen}: throughput, one RunTask of count 10 (its maximum) per call,
 *       reported per placement.</li>
 *   <li>{@code serviceOfHundred}: throughput, a service asking for 100 tasks at once.</li>
 *   <li>{@code singleDecision}: sample time of one RunTask of count 1, for the p99 latency.</li>
 * </ul>
 *
 * Anchors (published figures, not measured here): HashiCorp's C1M scheduled a million containers
 * on 5,000 hosts with Nomad, about 3,750 containers/s; kube-scheduler's CI performance thresholds
 * are 680 to 1,100 pods/s. The goal for berth is at least 10,000 placements/s.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PlacementBench {
    static final int INSTANCES = 5_000;
    static final double C1M_CONTAINERS_PER_SECOND = 3_750;
    static final double KUBE_SCHEDULER_LOW = 680;
    static final double KUBE_SCHEDULER_HIGH = 1_100;
    static final double GOAL = 10_000;

    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static final String[] TYPES = {"m5.large", "m5.xlarge", "c5.xlarge", "r5.large"};

    ClusterSnapshot cluster;
    TaskRequirements task;
    List<PlacementStrategy> binpackMemory;
    SplittableRandom random;

    @Setup
    public void buildCluster() {
        SplittableRandom shape = new SplittableRandom(20_240_601);
        List<InstanceSnapshot> instances = new ArrayList<>(INSTANCES);
        for (int i = 0; i < INSTANCES; i++) {
            String type = TYPES[i % TYPES.length];
            int cpu = type.endsWith("xlarge") ? 4096 : 2048;
            int memory = type.startsWith("r5") ? 16_384 : type.endsWith("xlarge") ? 15_360 : 7_680;
            List<TaskOnInstance> tasks = new ArrayList<>();
            int taken = shape.nextInt(5);
            for (int t = 0; t < taken; t++) {
                tasks.add(new TaskOnInstance("service:other-" + shape.nextInt(50), "other"));
            }
            InstanceSnapshot instance = InstanceSnapshot.active(
                            "arn:aws:ecs:us-east-1:123456789012:container-instance/bench/" + i,
                            String.format("i-%017x", i), cpu, memory,
                            Map.of(InstanceSnapshot.AVAILABILITY_ZONE, ZONES[i % ZONES.length],
                                    InstanceSnapshot.INSTANCE_TYPE, type,
                                    InstanceSnapshot.OS_TYPE, "linux"))
                    .withRunningTasks(tasks)
                    .withRemaining(cpu - taken * 256, memory - taken * 512 - shape.nextInt(1024));
            instances.add(instance);
        }
        cluster = new ClusterSnapshot(instances);
        task = TaskRequirements.ec2("web", 256, 512).withConstraints(List.of(
                new PlacementConstraint.MemberOf("attribute:ecs.instance-type =~ m5.*")));
        binpackMemory = List.of(PlacementStrategy.of("binpack", "memory"));
        random = new SplittableRandom(7);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(10)
    public Placement runTaskOfTen() {
        return Scheduler.place(cluster, task, binpackMemory, random, 10);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(100)
    public Placement serviceOfHundred() {
        return Scheduler.place(cluster, task.withGroup("service:web"), binpackMemory, random, 100);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Placement singleDecision() {
        return Scheduler.place(cluster, task, binpackMemory, random, 1);
    }

    public static void main(String[] args) throws RunnerException {
        var options = new OptionsBuilder().include(PlacementBench.class.getSimpleName()).build();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        System.out.println();
        System.out.println("Placement on " + INSTANCES + " instances, binpack(memory) + memberOf");
        System.out.printf("%-18s %16s %12s %14s %12s%n", "benchmark", "result", "vs C1M", "vs kube-sched", "vs goal");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            var primary = result.getPrimaryResult();
            if (primary.getScoreUnit().startsWith("ops")) {
                double perSecond = primary.getScore();
                System.out.printf("%-18s %11.0f pl/s %11.1fx %6.1f-%5.1fx %11.2fx%n", name, perSecond,
                        perSecond / C1M_CONTAINERS_PER_SECOND, perSecond / KUBE_SCHEDULER_HIGH,
                        perSecond / KUBE_SCHEDULER_LOW, perSecond / GOAL);
            } else {
                var stats = primary.getStatistics();
                System.out.printf("%-18s p50 %.1f us, p99 %.1f us, p99.9 %.1f us (%s)%n", name,
                        stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9),
                        primary.getScoreUnit());
            }
        }
        System.out.printf("anchors: HashiCorp C1M ~%.0f containers/s; kube-scheduler CI thresholds %.0f-%.0f pods/s;"
                + " goal >= %.0f placements/s%n", C1M_CONTAINERS_PER_SECOND, KUBE_SCHEDULER_LOW,
                KUBE_SCHEDULER_HIGH, GOAL);
    }
}
