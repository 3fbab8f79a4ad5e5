package berth.elb.proxy;

import berth.elb.InstanceAddresses;
import berth.elb.core.HealthSource;
import berth.elb.core.IpAddresses;
import berth.elb.core.Listener;
import berth.elb.core.ListenerPorts;
import berth.elb.core.LoadBalancer;
import berth.elb.core.RegisteredTarget;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetHealth;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetSet;
import berth.elb.state.ElbRecords;
import berth.store.Subscription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: makes the bound listener sockets, their routes and the target groups' runtimes
 * match the stored configuration. Level-triggered: a store change wakes it, and it also re-reads
 * everything every few seconds, so it converges whatever it missed (a port that was taken, a
 * restart). Also serves the observed health of targets to the API.
 */
public final class DataPlane implements HealthSource, berth.elb.TargetGroupLoad, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    private static final long RESYNC_SECONDS = 3;

    private final ElbRecords records;
    private final Supplier<Optional<InstanceAddresses>> instances;
    private final Transport transport;
    private final ListenerSockets sockets;
    private final HealthMonitor health;
    private final Map<String, TargetGroupRuntime> groups = new ConcurrentHashMap<>();
    /** The load balancers whose listeners forward to each target group in use, by target group ARN. */
    private volatile Map<String, Set<String>> loadBalancersOfGroup = Map.of();
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "elb-control");
        t.setDaemon(true);
        return t;
    });
    private final DrainingExpiry draining;
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final int threads;
    private Subscription subscription;

    public DataPlane(ElbRecords records, java.time.Clock clock, String bindAddress, int threads, Supplier<Optional<InstanceAddresses>> instances) {
        this.records = records;
        this.instances = instances;
        this.threads = threads;
        this.transport = Transport.create(threads);
        this.sockets = new ListenerSockets(transport, bindAddress, id -> rebuild());
        this.health = new HealthMonitor(transport, groups::values);
        this.draining = new DrainingExpiry(records, clock);
    }

    public void start() {
        subscription = records.store().watch(ElbRecords.KIND_PREFIX, change -> requestRebuild());
        rebuild();
        health.start();
        control.scheduleWithFixedDelay(this::resync, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
        control.scheduleWithFixedDelay(this::expireDraining, 1, 1, TimeUnit.SECONDS);
        LOG.info("ELB data plane on {} event loop thread(s), {}", threads,
                transport.nativeEpoll ? "native epoll" : "Java NIO");
    }

    public ListenerPorts ports() {
        return sockets;
    }

    /** The ports listeners are bound on now. */
    public Set<Integer> boundPorts() {
        return sockets.boundPorts();
    }

    private void requestRebuild() {
        if (rebuildQueued.compareAndSet(false, true)) {
            control.execute(() -> {
                rebuildQueued.set(false);
                rebuild();
            });
        }
    }

    private void expireDraining() {
        try {
            draining.run();
        } catch (RuntimeException e) {
            LOG.warn("ELB draining expiry failed: {}", e.toString());
        }
    }

    private void resync() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.warn("ELB data plane resync failed: {}", e.toString());
        }
    }

    /** Re-reads the configuration and applies it; callers that just changed it call this to see it served at once. */
    public synchronized void rebuild() {
        List<LoadBalancer> loadBalancers = records.loadBalancers.list("");
        List<Listener> listeners = records.listeners.list("");
        List<Rule> rules = records.rules.list("");
        Map<String, TargetGroup> targetGroups = new HashMap<>();
        records.targetGroups.list("").forEach(tg -> targetGroups.put(tg.arn(), tg));
        Map<String, TargetSet> targets = new HashMap<>();
        records.targets.listKeyed("").forEach(t -> targets.put(t.key(), t.value().targets()));

        Set<String> inUse = new HashSet<>();
        listeners.forEach(l -> l.defaultActions().forEach(a -> inUse.addAll(a.targetGroupArns())));
        rules.forEach(r -> r.actions().forEach(a -> inUse.addAll(a.targetGroupArns())));
        groups.keySet().removeIf(arn -> !inUse.contains(arn) || !targetGroups.containsKey(arn));
        for (String arn : inUse) {
            TargetGroup group = targetGroups.get(arn);
            if (group == null) continue;
            TargetSet set = targets.getOrDefault(ElbRecords.targetsKey(group), TargetSet.EMPTY);
            groups.computeIfAbsent(arn, a -> new TargetGroupRuntime(group)).update(group, set, t -> address(group, t));
        }

        Map<String, LoadBalancer> lbByArn = new HashMap<>();
        loadBalancers.forEach(lb -> lbByArn.put(lb.arn(), lb));
        Map<String, String> lbOfListener = new HashMap<>();
        listeners.forEach(l -> lbOfListener.put(l.id(), l.loadBalancerArn()));
        Map<String, Set<String>> users = new HashMap<>();
        listeners.forEach(l -> l.defaultActions().forEach(a -> a.targetGroupArns().forEach(tg ->
                users.computeIfAbsent(tg, k -> new HashSet<>()).add(l.loadBalancerArn()))));
        rules.forEach(r -> r.actions().forEach(a -> a.targetGroupArns().forEach(tg -> {
            String lb = lbOfListener.get(r.listenerId());
            if (lb != null) users.computeIfAbsent(tg, k -> new HashSet<>()).add(lb);
        })));
        loadBalancersOfGroup = Map.copyOf(users);
        Map<String, List<Rule>> rulesByListener = new HashMap<>();
        rules.forEach(r -> rulesByListener.computeIfAbsent(r.listenerId(), k -> new ArrayList<>()).add(r));
        Map<String, ListenerRoute> routes = new HashMap<>();
        for (Listener listener : listeners) {
            LoadBalancer lb = lbByArn.get(listener.loadBalancerArn());
            if (lb == null) continue;
            routes.put(listener.id(), RouteCompiler.compile(listener, rulesByListener.getOrDefault(listener.id(), List.of()),
                    lb, groups));
        }
        sockets.reconcile(routes);
    }

    private InetSocketAddress address(TargetGroup group, RegisteredTarget target) {
        Optional<String> ip = switch (group.targetType()) {
            case IP -> Optional.of(target.id());
            case INSTANCE -> instances.get().flatMap(i -> i.address(group.scope(), target.id()));
        };
        Optional<byte[]> bytes = ip.flatMap(IpAddresses::parse);
        if (bytes.isEmpty()) return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes.get()), target.port());
        } catch (UnknownHostException e) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }
    }

    /** One target group's traffic since the last read, with its load balancers and its targets' health now. */
    public record GroupReport(TargetGroup group, Set<String> loadBalancerArns, long requests, long target2xx,
                              long target4xx, long target5xx, long answered, long responseNanos, int healthy,
                              int unhealthy) {}

    /** The traffic of every target group in use since the previous call (the counters restart). */
    public List<GroupReport> drainTraffic() {
        List<GroupReport> reports = new ArrayList<>();
        Map<String, Set<String>> users = loadBalancersOfGroup;
        for (TargetGroupRuntime runtime : groups.values()) {
            GroupTraffic.Counts c = runtime.traffic.drain();
            int healthy = 0;
            int unhealthy = 0;
            for (Backend b : runtime.backends().values()) {
                if (b.draining) continue;
                if (b.healthy()) healthy++;
                else if (b.health.state() == TargetHealth.State.UNHEALTHY) unhealthy++;
            }
            reports.add(new GroupReport(runtime.group(), users.getOrDefault(runtime.arn, Set.of()), c.requests(),
                    c.target2xx(), c.target4xx(), c.target5xx(), c.answered(), c.responseNanos(), healthy, unhealthy));
        }
        return reports;
    }

    @Override
    public TargetHealth health(String targetGroupArn, TargetKey key) {
        TargetGroupRuntime runtime = groups.get(targetGroupArn);
        Backend backend = runtime == null ? null : runtime.backends().get(key);
        if (backend == null) return TargetHealth.REGISTERED;
        return backend.draining ? TargetHealth.DRAINING : backend.health;
    }

    @Override
    public int inFlight(String targetGroupArn) {
        TargetGroupRuntime runtime = groups.get(targetGroupArn);
        if (runtime == null) return 0;
        int total = 0;
        for (Backend b : runtime.backends().values()) total += b.inFlight.get();
        return total;
    }

    /** Closes every listener socket and forgets every target group's runtime. */
    public synchronized void reset() {
        sockets.closeAll();
        groups.clear();
    }

    @Override
    public void close() {
        if (subscription != null) subscription.close();
        control.shutdownNow();
        health.close();
        sockets.closeAll();
        transport.close();
    }
}
