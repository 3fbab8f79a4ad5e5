package berth.elb.proxy;

import berth.elb.core.Action;
import berth.elb.core.Condition;
import berth.elb.core.HealthCheck;
import berth.elb.core.Listener;
import berth.elb.core.ListenerProtocol;
import berth.elb.core.LoadBalancer;
import berth.elb.core.LoadBalancerAttributes;
import berth.elb.core.LoadBalancerType;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetGroupAttributes;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetProtocol;
import berth.elb.core.TargetSet;
import berth.elb.core.TargetType;
import berth.elb.state.ElbRecords;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A data plane over a real embedded store, configured by writing core records as the API would. */
final class DataPlaneFixture implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    private static final AtomicInteger IDS = new AtomicInteger(0x1000);

    final Path dir;
    final Store store;
    final ElbRecords records;
    final DataPlane plane;

    DataPlaneFixture() throws IOException {
        dir = Files.createTempDirectory("elb-dataplane-");
        store = EmbeddedStore.open(dir);
        records = new ElbRecords(store);
        plane = new DataPlane(records, Clock.systemUTC(), "127.0.0.1", 2, Optional::empty);
        plane.start();
    }

    static String id() {
        return String.format("%016x", IDS.incrementAndGet());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    LoadBalancer loadBalancer(LoadBalancerType type, int idleTimeoutSeconds) {
        LoadBalancer lb = new LoadBalancer(ACCOUNT, REGION, "lb" + id().substring(12), id(), type, LoadBalancer.INTERNET_FACING,
                "ipv4", List.of(), List.of(), Instant.now(), LoadBalancerAttributes.DEFAULTS.withIdleTimeoutSeconds(idleTimeoutSeconds), Map.of());
        records.loadBalancers.save(lb, Store.ABSENT);
        return lb;
    }

    TargetGroup targetGroup(TargetProtocol protocol, HealthCheck check, TargetGroupAttributes attributes) {
        TargetGroup tg = new TargetGroup(ACCOUNT, REGION, "tg" + id().substring(12), id(), protocol, 80, TargetType.IP, "vpc-1",
                check, attributes, Instant.now(), Map.of());
        records.targetGroups.save(tg, Store.ABSENT);
        return tg;
    }

    /** HTTP checks of /health every 5 s; healthy after 2 passes, unhealthy after 2 failures, 2 s timeout. */
    static HealthCheck fastHttpCheck() {
        return new HealthCheck(HealthCheck.HealthCheckProtocol.HTTP, HealthCheck.TRAFFIC_PORT, "/health", 5, 2, 2, 2, "200");
    }

    void targets(TargetGroup tg, List<TargetKey> keys) {
        var key = ElbRecords.targetsKey(tg);
        var current = records.targets.find(key);
        TargetSet set = current.map(v -> v.value().targets()).orElse(TargetSet.EMPTY).register(keys, Map.of(), Instant.now());
        records.targets.save(ElbRecords.StoredTargets.of(tg, set),
                current.map(v -> v.version()).orElse(Store.ABSENT));
        plane.rebuild();
    }

    void deregister(TargetGroup tg, List<TargetKey> keys, java.time.Duration delay) {
        var key = ElbRecords.targetsKey(tg);
        var current = records.targets.find(key).orElseThrow();
        TargetSet set = current.value().targets().deregister(keys, delay, Instant.now());
        records.targets.save(ElbRecords.StoredTargets.of(tg, set), current.version());
        plane.rebuild();
    }

    Listener listener(LoadBalancer lb, int port, Action defaultAction) {
        ListenerProtocol protocol = lb.type().listenerProtocol();
        Listener l = new Listener(ACCOUNT, REGION, lb.type(), lb.name(), lb.id(), id(), protocol, port,
                List.of(defaultAction), id(), Map.of());
        var claim = plane.ports().claim(l.id(), protocol, port);
        records.listeners.save(l, Store.ABSENT);
        claim.confirm();
        return l;
    }

    Rule rule(Listener l, int priority, List<Condition> conditions, Action action) {
        Rule r = new Rule(ACCOUNT, REGION, l.type(), l.loadBalancerName(), l.loadBalancerId(), l.id(), id(), priority,
                conditions, List.of(action), Map.of());
        records.rules.save(r, Store.ABSENT);
        plane.rebuild();
        return r;
    }

    @Override
    public void close() throws IOException {
        plane.close();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
