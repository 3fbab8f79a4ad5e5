package berth.ecs.control;

import berth.ecs.core.service.Service;
import berth.ecs.core.service.ServiceLoadBalancer;
import berth.ecs.core.service.ServiceObservation.TargetView;
import berth.ecs.core.task.NetworkBinding;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskContainer;
import berth.ecs.core.instance.ContainerInstance;
import berth.elb.TargetHealthReport;
import berth.elb.TargetRef;
import berth.elb.TargetRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A service's tasks as targets of its target groups: awsvpc tasks by their interface's address and
 * the container port, bridge and host tasks by their instance's EC2 id and the host port Docker
 * bound. Reads their health from, and registers them with, ELB's {@link TargetRegistry}.
 */
final class ServiceTargets {
    private static final List<String> SEVERITY = List.of("healthy", "initial", "unused", "unhealthy", "draining",
            "unavailable");

    private final Supplier<Optional<TargetRegistry>> registry;
    private final Function<String, Optional<ContainerInstance>> instanceByArn;

    ServiceTargets(Supplier<Optional<TargetRegistry>> registry,
                   Function<String, Optional<ContainerInstance>> instanceByArn) {
        this.registry = registry;
        this.instanceByArn = instanceByArn;
    }

    /** The target of {@code task} for {@code lb}; empty until the task has an address and a bound port. */
    Optional<TargetRef> target(Task task, ServiceLoadBalancer lb) {
        Optional<TaskContainer> container = task.container(lb.containerName());
        if (container.isEmpty()) {
            return Optional.empty();
        }
        if (task.awsvpc()) {
            String address = task.networkInterface().map(a -> a.privateIpv4Address()).filter(a -> !a.isEmpty())
                    .orElse(container.get().privateIpv4Address());
            return address.isEmpty() ? Optional.empty() : Optional.of(new TargetRef(address, lb.containerPort()));
        }
        Optional<Integer> hostPort = container.get().networkBindings().stream()
                .filter(b -> b.containerPort() == lb.containerPort()).map(NetworkBinding::hostPort)
                .filter(p -> p > 0).findFirst();
        Optional<String> instance = instanceByArn.apply(task.containerInstanceArn())
                .map(ContainerInstance::ec2InstanceId).filter(id -> !id.isEmpty());
        if (hostPort.isEmpty() || instance.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TargetRef(instance.get(), hostPort.get()));
    }

    /** How the target groups see each of {@code tasks}, by task id; empty when the service is not load balanced. */
    Map<String, TargetView> observe(Service service, List<Task> tasks) {
        Map<String, TargetView> views = new HashMap<>();
        Optional<TargetRegistry> elb = registry.get();
        if (service.loadBalancers().isEmpty() || elb.isEmpty()) {
            return views;
        }
        for (ServiceLoadBalancer lb : service.loadBalancers()) {
            Map<TargetRef, String> taskOf = new HashMap<>();
            for (Task task : tasks) {
                if (!task.stopped()) {
                    target(task, lb).ifPresent(t -> taskOf.put(t, task.id()));
                }
            }
            if (taskOf.isEmpty()) {
                continue;
            }
            List<TargetHealthReport> reports;
            try {
                reports = elb.get().health(lb.targetGroupArn(), new ArrayList<>(taskOf.keySet()));
            } catch (RuntimeException groupGone) {
                continue;
            }
            for (TargetHealthReport report : reports) {
                String taskId = taskOf.get(report.target());
                if (taskId == null) {
                    continue;
                }
                boolean registered = !"Target.NotRegistered".equals(report.reason());
                TargetView view = new TargetView(registered, report.state());
                views.merge(taskId, view, ServiceTargets::worse);
            }
        }
        // a task missing from any one group is not registered everywhere
        for (Task task : tasks) {
            if (views.containsKey(task.id()) && service.loadBalancers().stream()
                    .anyMatch(lb -> target(task, lb).isEmpty())) {
                views.put(task.id(), new TargetView(false, views.get(task.id()).state()));
            }
        }
        return views;
    }

    /** Registers {@code tasks} in every target group of the service; the groups that refused say why. */
    List<String> register(Service service, List<Task> tasks) {
        return apply(service, tasks, true);
    }

    /** Starts draining {@code tasks} from every target group of the service. */
    List<String> deregister(Service service, List<Task> tasks) {
        return apply(service, tasks, false);
    }

    /** Takes {@code tasks} out of the target groups an UpdateService removed from the service. */
    void leaveFormerGroups(Service service, List<Task> tasks) {
        if (!service.formerLoadBalancers().isEmpty()) {
            apply(service.formerLoadBalancers(), tasks, false);
        }
    }

    private List<String> apply(Service service, List<Task> tasks, boolean register) {
        return apply(service.loadBalancers(), tasks, register);
    }

    private List<String> apply(List<ServiceLoadBalancer> balancers, List<Task> tasks, boolean register) {
        List<String> refusals = new ArrayList<>();
        Optional<TargetRegistry> elb = registry.get();
        if (elb.isEmpty()) {
            return List.of("Elastic Load Balancing is not running in this berth.");
        }
        for (ServiceLoadBalancer lb : balancers) {
            List<TargetRef> targets = tasks.stream().map(t -> target(t, lb)).flatMap(Optional::stream).toList();
            if (targets.isEmpty()) {
                continue;
            }
            try {
                if (register) {
                    elb.get().register(lb.targetGroupArn(), targets);
                } else {
                    elb.get().deregister(lb.targetGroupArn(), targets);
                }
            } catch (RuntimeException refused) {
                refusals.add(refused.getMessage());
            }
        }
        return refusals;
    }

    private static TargetView worse(TargetView a, TargetView b) {
        String state = SEVERITY.indexOf(a.state()) >= SEVERITY.indexOf(b.state()) ? a.state() : b.state();
        return new TargetView(a.registered() && b.registered(), state);
    }
}
