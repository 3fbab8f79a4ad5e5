package berth.ecs.core.task;

import berth.ecs.core.HostPorts;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.InstanceResources;
import java.util.Collection;

/**
 * What the tasks on a container instance take from it, as DescribeContainerInstances reports it:
 * remaining resources are the registered ones less the reservations of every task not yet STOPPED;
 * {@code pendingTasksCount} counts tasks PROVISIONING, PENDING or ACTIVATING, {@code runningTasksCount}
 * those RUNNING that are still meant to run. Both are sums over tasks, so a change to one task changes
 * them by that task's share alone.
 */
public final class InstanceUsage {
    private InstanceUsage() {}

    /** {@code instance} with its remaining resources and task counts computed from {@code tasks} (those on it). */
    public static ContainerInstance accounted(ContainerInstance instance, Collection<Task> tasks) {
        int cpu = 0;
        int memory = 0;
        HostPorts ports = HostPorts.none();
        int pending = 0;
        int running = 0;
        for (Task task : tasks) {
            if (task.stopped() || !task.containerInstanceArn().equals(instance.arn())) {
                continue;
            }
            cpu += task.reservation().cpu();
            memory += task.reservation().memoryMiB();
            ports = ports.plus(task.reservation().ports());
            if (task.lastStatus().pending()) {
                pending++;
            } else if (task.lastStatus() == TaskStatus.RUNNING && task.desiredStatus() == TaskStatus.RUNNING) {
                running++;
            }
        }
        InstanceResources remaining = instance.registeredResources().minus(cpu, memory, ports);
        return instance.withRemaining(remaining).withTaskCounts(running, pending);
    }
}
