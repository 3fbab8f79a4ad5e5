package berth.ecs.control;

import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
import berth.ecs.core.Cluster;
import berth.ecs.core.service.Deployment;
import berth.ecs.core.service.Service;
import berth.ecs.state.ClusterRecords;
import berth.ecs.state.ServiceRecords;
import berth.platform.RecordTable.Versioned;
import berth.platform.WakeableLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Container Insights' service task counts, for clusters whose {@code containerInsights} setting is
 * {@code enabled} or {@code enhanced}: every {@code BERTH_ECS_INSIGHTS_SECONDS} (default 60, stamped
 * on the interval's start as Container Insights' are on the minute), each
 * ACTIVE service's DesiredTaskCount, RunningTaskCount and PendingTaskCount go to CloudWatch's
 * {@code ECS/ContainerInsights} namespace with dimensions ClusterName and ServiceName.
 */
public final class ContainerInsightsMetrics implements AutoCloseable {
    private static final String NAMESPACE = "ECS/ContainerInsights";

    private final ServiceRecords services;
    private final ClusterRecords clusters;
    private final Supplier<Optional<MetricSink>> sink;
    private final Clock clock;
    private final Duration interval;
    private final WakeableLoop loop;

    public ContainerInsightsMetrics(berth.store.Store store, Supplier<Optional<MetricSink>> sink, Clock clock,
                                    Duration interval) {
        this.services = new ServiceRecords(store);
        this.clusters = new ClusterRecords(store);
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
        this.loop = new WakeableLoop("ecs-insights", store, clock, List.of(), Duration.ofMillis(100), this::pass);
    }

    public static Duration configuredInterval() {
        return MetricSink.interval("BERTH_ECS_INSIGHTS_SECONDS");
    }

    public void start() {
        loop.start();
    }

    /** One round of counts, stamped at the start of the interval it falls in; the next interval's start. */
    Instant pass() {
        Instant now = MetricSink.stamp(clock.instant(), interval);
        Optional<MetricSink> target = sink.get();
        if (target.isEmpty()) {
            return now.plus(interval);
        }
        Map<Scope, List<MetricSink.Sample>> byScope = new HashMap<>();
        Map<String, Boolean> insights = new HashMap<>();
        for (Versioned<Service> found : services.all()) {
            Service s = found.value();
            if (!s.status().equals(Service.ACTIVE)) continue;
            boolean enabled = insights.computeIfAbsent(s.scope().key(s.cluster()), k -> clusters.find(s.scope(), s.cluster())
                    .map(c -> enabled(c.value())).orElse(false));
            if (!enabled) continue;
            Map<String, String> dims = Map.of("ClusterName", s.cluster(), "ServiceName", s.serviceName());
            int running = s.deployments().stream().mapToInt(Deployment::runningCount).sum();
            int pending = s.deployments().stream().mapToInt(Deployment::pendingCount).sum();
            List<MetricSink.Sample> samples = byScope.computeIfAbsent(s.scope(), k -> new ArrayList<>());
            samples.add(MetricSink.Sample.of(NAMESPACE, "DesiredTaskCount", dims, now, s.desiredCount(), "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "RunningTaskCount", dims, now, running, "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "PendingTaskCount", dims, now, pending, "Count"));
        }
        target.get().putEach(byScope, "Container Insights");
        return now.plus(interval);
    }

    private static boolean enabled(Cluster cluster) {
        return cluster.settings().stream().anyMatch(x -> x.name().equals("containerInsights")
                && (x.value().equals("enabled") || x.value().equals("enhanced")));
    }

    @Override
    public void close() {
        loop.close();
    }
}
