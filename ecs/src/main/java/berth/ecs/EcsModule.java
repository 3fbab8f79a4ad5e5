package berth.ecs;

import berth.ecs.api.EcsService;
import berth.ecs.api.PublishedTasks;
import berth.ecs.control.EcsSettings;
import berth.ecs.control.ServiceControl;
import berth.ecs.control.TaskControl;
import berth.ecs.control.CapacityLoop;
import berth.ecs.state.ProviderPlacements;
import java.time.Duration;
import berth.ecs.state.ServiceRecords;
import berth.ecs.state.TaskRecords;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.store.Store;
import berth.store.Write;
import java.util.List;

/** ECS: clusters, task definitions, tasks, container instances and services. */
public final class EcsModule implements PlatformModule {
    private volatile TaskControl tasks;
    private volatile CapacityLoop capacity;
    private volatile ServiceControl services;
    private volatile Store store;
    private volatile PublishedTasks published;
    private volatile berth.ecs.control.ContainerInsightsMetrics insights;

    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public void start(Platform platform) {
        store = platform.store();
        EcsService service = new EcsService(platform.store(), platform.clock(), platform::endpoint,
                () -> platform.lookup(ExpressGateways.class));
        platform.addAwsService(service);
        platform.publish(FargateRegions.class, new StoredFargateRegions(platform.store()));
        platform.publish(HostStates.class, new StoppedHosts(platform.store(), platform.clock()));
        berth.ecs.state.TaskRecords taskRecords = new berth.ecs.state.TaskRecords(platform.store());
        platform.publish(TaskInterfaces.class, scope -> taskRecords.list(scope).stream().map(v -> v.value())
                .filter(t -> !t.stopped()).flatMap(t -> t.networkInterface().stream()
                        .filter(n -> !n.privateIpv4Address().isEmpty())
                        .map(n -> new TaskInterfaces.TaskInterface(n.networkInterfaceId(), n.id(), n.subnetId(),
                                n.privateIpv4Address(), n.macAddress(), t.arn())))
                .toList());
        published = new PublishedTasks(service, platform.store(), platform::authorizer);
        platform.publish(EcsCalls.class, published);
        platform.publish(TaskStateChanges.class, published);
        platform.publish(ServiceCapacity.class, new StoredServiceCapacity(new ServiceRecords(platform.store()), platform.clock()));
        tasks = TaskControl.start(platform, EcsSettings.fromEnvironment(System.getenv()));
        services = ServiceControl.start(platform);
        capacity = new CapacityLoop(platform, Duration.ofMillis(EcsSettings.number(System.getenv(),
                "BERTH_ECS_CAPACITY_POLL_MILLIS", 1000)), Duration.ofSeconds(EcsSettings.number(System.getenv(),
                "BERTH_ECS_SCALE_IN_AFTER_SECONDS", 900)));
        capacity.start();
        insights = new berth.ecs.control.ContainerInsightsMetrics(platform.store(),
                () -> platform.lookup(berth.cloudwatch.MetricSink.class), platform.clock(),
                berth.ecs.control.ContainerInsightsMetrics.configuredInterval());
        insights.start();
    }

    /** After elb (100), whose TargetRegistry services register their tasks with; before the local agent (110). */
    @Override
    public int order() {
        return 105;
    }

    /**
     * Removes the services and then the tasks, between two passes of the service scheduler (so it
     * starts no task for a service being removed), and wakes the agents' long-polls, so agents see
     * their tasks gone at once.
     */
    @Override
    public void reset() {
        if (store != null) {
            Runnable removal = () -> {
                for (String kind : List.of(ServiceRecords.KIND, ProviderPlacements.WAITING_KIND, TaskRecords.KIND)) {
                    List<Write> deletes = store.list(kind, "").stream()
                            .map(r -> Write.delete(kind, r.key(), Store.ANY)).toList();
                    if (!deletes.isEmpty()) {
                        store.commit(deletes);
                    }
                }
            };
            if (services != null) {
                services.between(removal);
            } else {
                removal.run();
            }
        }
        if (tasks != null) {
            tasks.wakeAgents();
        }
    }

    @Override
    public void stop() {
        if (published != null) {
            published.close();
        }
        if (capacity != null) {
            capacity.close();
        }
        if (insights != null) {
            insights.close();
        }
        if (services != null) {
            services.close();
        }
        if (tasks != null) {
            tasks.close();
        }
    }
}
