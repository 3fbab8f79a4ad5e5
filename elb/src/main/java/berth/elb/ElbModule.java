package berth.elb;

import berth.elb.api.ElbService;
import berth.elb.proxy.DataPlane;
import berth.elb.state.ElbRecords;
import berth.elb.state.TargetHealthReader;
import berth.elb.state.TargetRegistrations;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.util.List;

/**
 * Elastic Load Balancing v2: the API, and the data plane that serves every listener on a real
 * socket of this host ({@code BERTH_ELB_BIND}, 127.0.0.1 by default, at the listener's port).
 * Publishes {@link TargetRegistry} for other modules (ECS services) to register their tasks, and
 * {@link TargetGroupLoad}, the requests in flight per target group (App Runner scales on it).
 */
public final class ElbModule implements PlatformModule {
    /** Where listeners are bound. */
    public static final String BIND_VARIABLE = "BERTH_ELB_BIND";
    /** How many event loop threads carry the data plane; all cores by default. */
    public static final String THREADS_VARIABLE = "BERTH_ELB_THREADS";

    private DataPlane dataPlane;
    private LoadBalancerMetrics metrics;
    private ElbRecords records;

    @Override
    public String name() {
        return "elb";
    }

    @Override
    public void start(Platform platform) {
        records = new ElbRecords(platform.store());
        String bind = System.getenv().getOrDefault(BIND_VARIABLE, "127.0.0.1");
        int threads = Integer.parseInt(System.getenv().getOrDefault(THREADS_VARIABLE,
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        dataPlane = new DataPlane(records, platform.clock(), bind, threads, () -> platform.lookup(InstanceAddresses.class));
        TargetRegistrations registrations = new TargetRegistrations(records, platform.clock(),
                () -> platform.lookup(InstanceAddresses.class));
        TargetHealthReader health = new TargetHealthReader(records, registrations, dataPlane);
        Runnable changed = dataPlane::rebuild;
        platform.addAwsService(new ElbService(records, platform.clock(), dataPlane.ports(), registrations, health, changed));
        platform.publish(TargetRegistry.class, new StoredTargetRegistry(registrations, health, changed));
        platform.publish(TargetGroupLoad.class, dataPlane);
        dataPlane.start();
        metrics = new LoadBalancerMetrics(platform.store(), dataPlane, () -> platform.lookup(berth.cloudwatch.MetricSink.class),
                platform.clock(), berth.cloudwatch.MetricSink.interval("BERTH_ELB_METRICS_SECONDS"));
        metrics.start();
    }


    @Override
    public void reset() {
        if (dataPlane == null) return;
        // the records go first, so no pass of the data plane binds a listener again before the store is cleared
        records.store().clear(ElbRecords.KIND_PREFIX);
        dataPlane.reset();
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of(ElbRecords.KIND_PREFIX);
    }

    @Override
    public void stop() {
        if (metrics != null) metrics.close();
        if (dataPlane != null) dataPlane.close();
    }
}
