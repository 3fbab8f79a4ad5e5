package berth.ec2.machines;

import berth.agent.loop.EngineStats;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.Runtime;
import berth.aws.Scope;
import berth.asg.GroupMembers;
import berth.cloudwatch.MetricSink;
import berth.ec2.core.Instance;
import berth.ec2.core.InstanceState;
import berth.ec2.core.InstanceTypes;
import berth.ec2.state.Ec2Records;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EC2's {@code AWS/EC2} CPUUtilization of this host's running instances: every
 * {@code BERTH_EC2_METRICS_SECONDS} (default 60, detailed monitoring's period) the CPU each instance's
 * agent's containers use (one engine stats sample each) over its type's vCPUs, in percent, per
 * InstanceId and, for an instance of an Auto Scaling group (EC2 Auto Scaling's published
 * {@link GroupMembers}), per AutoScalingGroupName, so a group's Average is the average over its instances.
 */
public final class InstanceMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceMetrics.class);

    private final Ec2Records records;
    private final Runtime runtime;
    private final String hostId;
    private final Supplier<Optional<MetricSink>> sink;
    private final Supplier<Optional<GroupMembers>> groups;
    private final Clock clock;
    private final Duration interval;
    private volatile boolean closed;
    private Thread thread;

    public InstanceMetrics(Ec2Records records, Runtime runtime, String hostId, Supplier<Optional<MetricSink>> sink,
                           Supplier<Optional<GroupMembers>> groups, Clock clock, Duration interval) {
        this.groups = groups;
        this.records = records;
        this.runtime = runtime;
        this.hostId = hostId;
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("berth-ec2-metrics").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(interval.toMillis());
                    pass();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("measuring instances failed: {}", e.toString());
                }
            }
        });
    }

    void pass() {
        Optional<MetricSink> target = sink.get();
        if (target.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Scope, List<MetricSink.Sample>> byScope = new LinkedHashMap<>();
        for (Instance i : records.instances.list("")) {
            if (!i.hostId().equals(hostId) || i.state() != InstanceState.RUNNING) {
                continue;
            }
            int vcpus = InstanceTypes.find(i.instanceType()).map(InstanceTypes.Type::vcpus).orElse(1);
            double units = 0;
            for (ContainerObservation c : runtime.list(Map.of(BerthLabels.MANAGED, "true", BerthLabels.AGENT, i.id()))) {
                if (c.state() == ContainerState.RUNNING) {
                    units += runtime.statsJson(c.id()).flatMap(EngineStats::measure).map(u -> u[0]).orElse(0.0);
                }
            }
            double percent = utilization(units, vcpus);
            List<MetricSink.Sample> samples = byScope.computeIfAbsent(new Scope(i.accountId(), i.region()), s -> new ArrayList<>());
            samples.add(MetricSink.Sample.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", i.id()), now, percent, "Percent"));
            groups.get().flatMap(g -> g.groupOf(new Scope(i.accountId(), i.region()), i.id())).ifPresent(group ->
                    samples.add(MetricSink.Sample.of("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", group), now,
                            percent, "Percent")));
        }
        target.get().putEach(byScope, "the instances' CPU utilization");
    }

    /** CPU units used (1024 a vCPU) as a percentage of {@code vcpus}, at most 100. */
    static double utilization(double cpuUnits, int vcpus) {
        return Math.min(100.0, Math.max(0.0, 100.0 * cpuUnits / (Math.max(1, vcpus) * 1024.0)));
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }
}
