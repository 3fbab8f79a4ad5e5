package berth.ecs.control;

import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.state.ContainerInstanceRecords;
import berth.elb.InstanceAddresses;
import berth.elb.TargetRegistry;
import berth.platform.Platform;

/**
 * The service scheduler of a running berth: its loop, with ELB's {@link TargetRegistry} looked up
 * when first needed (ELB may start after ECS or not at all), and the addresses of container
 * instances published for ELB's {@code instance} targets.
 */
public final class ServiceControl implements AutoCloseable {
    private final ServiceSchedulerLoop loop;

    private ServiceControl(ServiceSchedulerLoop loop) {
        this.loop = loop;
    }

    public static ServiceControl start(Platform platform) {
        ContainerInstanceRecords instances = new ContainerInstanceRecords(platform.store());
        platform.publish(InstanceAddresses.class, (scope, instanceId) -> instances.list(scope).stream()
                .filter(i -> i.ec2InstanceId().equals(instanceId) && i.registered())
                .findFirst().map(ServiceControl::address));
        ServiceSchedulerLoop loop = new ServiceSchedulerLoop(platform.store(), platform.clock(),
                () -> platform.lookup(TargetRegistry.class));
        loop.start();
        return new ServiceControl(loop);
    }

    /** Where an instance's host ports are reached: the address its agent registered from, else this host. */
    private static String address(ContainerInstance instance) {
        return instance.endpointAddress().isEmpty() ? "127.0.0.1" : instance.endpointAddress();
    }

    /** Runs {@code work} (a reset) while no scheduling pass runs, so no pass starts tasks for services being removed. */
    public void between(Runnable work) {
        loop.between(work);
    }

    @Override
    public void close() {
        loop.close();
    }
}
