package berth.elb;

import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
import berth.elb.proxy.DataPlane;
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
 * Publishes what the proxy measured into CloudWatch's {@code AWS/ApplicationELB} namespace every
 * interval, per target group (dimension {@code TargetGroup}, and with {@code LoadBalancer} for each
 * load balancer forwarding to it): RequestCount, RequestCountPerTarget (requests over healthy
 * targets, or all when none is healthy), TargetResponseTime (seconds), HTTPCode_Target_2XX/4XX/5XX_Count,
 * HealthyHostCount and UnHealthyHostCount; and per load balancer (dimension {@code LoadBalancer} alone)
 * the sums of its target groups' RequestCount, HTTPCode_Target_2XX/4XX/5XX_Count and their
 * TargetResponseTime. As on AWS, request metrics are sent only for an interval with requests; host
 * counts always.
 */
final class LoadBalancerMetrics implements AutoCloseable {
    private static final String NAMESPACE = "AWS/ApplicationELB";

    private final DataPlane dataPlane;
    private final Supplier<Optional<MetricSink>> sink;
    private final Clock clock;
    private final Duration interval;
    private final WakeableLoop loop;
    private Instant intervalStart;

    LoadBalancerMetrics(berth.store.Store store, DataPlane dataPlane, Supplier<Optional<MetricSink>> sink, Clock clock,
                        Duration interval) {
        this.dataPlane = dataPlane;
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
        this.loop = new WakeableLoop("elb-metrics", store, clock, List.of(), Duration.ofMillis(100), this::pass);
    }

    void start() {
        intervalStart = clock.instant();
        loop.start();
    }

    private Instant pass() {
        Instant now = clock.instant();
        if (now.isBefore(intervalStart.plus(interval))) {
            return intervalStart.plus(interval);
        }
        Instant at = intervalStart;
        intervalStart = now;
        Optional<MetricSink> target = sink.get();
        List<DataPlane.GroupReport> reports = dataPlane.drainTraffic();
        if (target.isEmpty()) {
            return now.plus(interval);
        }
        Map<Scope, List<MetricSink.Sample>> byScope = new HashMap<>();
        Map<Scope, Map<String, long[]>> byLoadBalancer = new HashMap<>();
        for (DataPlane.GroupReport r : reports) {
            if (r.requests() > 0) {
                for (String lb : r.loadBalancerArns()) {
                    long[] sums = byLoadBalancer.computeIfAbsent(r.group().scope(), s -> new HashMap<>())
                            .computeIfAbsent(suffix(lb, "loadbalancer/"), k -> new long[6]);
                    sums[0] += r.requests();
                    sums[1] += r.target2xx();
                    sums[2] += r.target4xx();
                    sums[3] += r.target5xx();
                    sums[4] += r.answered();
                    sums[5] += r.responseNanos();
                }
            }
            List<Map<String, String>> dimensionSets = new ArrayList<>();
            String group = suffix(r.group().arn(), "targetgroup/");
            dimensionSets.add(Map.of("TargetGroup", group));
            r.loadBalancerArns().forEach(lb -> dimensionSets.add(Map.of("TargetGroup", group,
                    "LoadBalancer", suffix(lb, "loadbalancer/"))));
            List<MetricSink.Sample> samples = byScope.computeIfAbsent(r.group().scope(), s -> new ArrayList<>());
            for (Map<String, String> dims : dimensionSets) {
                samples.add(MetricSink.Sample.of(NAMESPACE, "HealthyHostCount", dims, at, r.healthy(), "Count"));
                samples.add(MetricSink.Sample.of(NAMESPACE, "UnHealthyHostCount", dims, at, r.unhealthy(), "Count"));
                if (r.requests() == 0) {
                    continue;
                }
                int targets = r.healthy() > 0 ? r.healthy() : Math.max(1, r.healthy() + r.unhealthy());
                samples.add(MetricSink.Sample.of(NAMESPACE, "RequestCount", dims, at, r.requests(), "Count"));
                samples.add(MetricSink.Sample.of(NAMESPACE, "RequestCountPerTarget", dims, at,
                        (double) r.requests() / targets, "Count"));
                samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_2XX_Count", dims, at, r.target2xx(), "Count"));
                samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_4XX_Count", dims, at, r.target4xx(), "Count"));
                samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_5XX_Count", dims, at, r.target5xx(), "Count"));
                if (r.answered() > 0) {
                    double average = r.responseNanos() / 1e9 / r.answered();
                    samples.add(new MetricSink.Sample(NAMESPACE, "TargetResponseTime", dims, at, r.answered(),
                            r.responseNanos() / 1e9, average, average, "Seconds"));
                }
            }
        }
        byLoadBalancer.forEach((scope, balancers) -> balancers.forEach((lb, sums) -> {
            Map<String, String> dims = Map.of("LoadBalancer", lb);
            List<MetricSink.Sample> samples = byScope.computeIfAbsent(scope, k -> new ArrayList<>());
            samples.add(MetricSink.Sample.of(NAMESPACE, "RequestCount", dims, at, sums[0], "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_2XX_Count", dims, at, sums[1], "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_4XX_Count", dims, at, sums[2], "Count"));
            samples.add(MetricSink.Sample.of(NAMESPACE, "HTTPCode_Target_5XX_Count", dims, at, sums[3], "Count"));
            if (sums[4] > 0) {
                double average = sums[5] / 1e9 / sums[4];
                samples.add(new MetricSink.Sample(NAMESPACE, "TargetResponseTime", dims, at, sums[4], sums[5] / 1e9,
                        average, average, "Seconds"));
            }
        }));
        target.get().putEach(byScope, "load balancer metrics");
        return now.plus(interval);
    }

    private static String suffix(String arn, String marker) {
        int at = arn.indexOf(marker);
        return at < 0 ? arn : arn.substring(at + (marker.equals("loadbalancer/") ? marker.length() : 0));
    }

    @Override
    public void close() {
        loop.close();
    }
}
