package berth.ecs.control;

import berth.aws.Scope;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.service.Service;
import berth.ecs.core.service.ServiceEvent;
import berth.ecs.core.service.ServiceObservation;
import berth.ecs.core.service.ServicePlan;
import berth.ecs.core.service.ServiceReconciler;
import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.ServiceRecords;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.elb.TargetRegistry;
import berth.platform.RecordTable.Versioned;
import berth.platform.WakeableLoop;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service scheduler's loop: a {@link WakeableLoop} whose pass, for every service not yet INACTIVE, reads the
 * service, its tasks, its targets' health and the draining instances, asks
 * {@link ServiceReconciler} what to do and does it. It runs when a task, service or instance record
 * changes and at least every {@link #TICK} (target health and backoff change without a record
 * changing); since each pass re-reads everything, a missed change or a restart only delays
 * convergence to the next pass.
 */
final class ServiceSchedulerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceSchedulerLoop.class);
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration MIN_GAP = Duration.ofMillis(50);

    private final Clock clock;
    private final ServiceRecords services;
    private final TaskRecords tasks;
    private final ContainerInstanceRecords instances;
    private final TaskCommits commits;
    private final ServiceTaskLaunches launches;
    private final ServiceTargets targets;
    private final Object passing = new Object();
    private final WakeableLoop loop;

    ServiceSchedulerLoop(Store store, Clock clock, Supplier<Optional<TargetRegistry>> registry) {
        this.clock = clock;
        this.services = new ServiceRecords(store);
        this.tasks = new TaskRecords(store);
        this.instances = new ContainerInstanceRecords(store);
        this.commits = new TaskCommits(store);
        this.launches = new ServiceTaskLaunches(store, clock);
        this.targets = new ServiceTargets(registry, this::instance);
        this.loop = new WakeableLoop("ecs-service-scheduler", store, clock,
                List.of(TaskRecords.KIND, ServiceRecords.KIND, ContainerInstanceRecords.KIND), MIN_GAP, () -> {
                    pass();
                    return clock.instant().plus(TICK);
                });
    }

    void start() {
        loop.start();
    }

    void wake() {
        loop.wake();
    }

    /** Runs {@code work} between passes, so no pass acts on state {@code work} is changing. */
    void between(Runnable work) {
        synchronized (passing) {
            work.run();
        }
    }

    private void pass() {
        synchronized (passing) {
            passOverServices();
        }
    }

    /** One pass over every service that still has work: ACTIVE or DRAINING. */
    private void passOverServices() {
        Map<String, List<Task>> byGroup = new HashMap<>();
        for (Versioned<Task> v : tasks.all()) {
            Task t = v.value();
            if (t.group().startsWith("service:")) {
                byGroup.computeIfAbsent(ServiceRecords.key(t.scope(), t.cluster(),
                        t.group().substring("service:".length())), k -> new ArrayList<>()).add(t);
            }
        }
        Set<String> draining = instances.all().stream().filter(i -> i.status() == InstanceStatus.DRAINING)
                .map(ContainerInstance::arn).collect(Collectors.toSet());
        for (Versioned<Service> stored : services.all()) {
            Service service = stored.value();
            if (service.status().equals(Service.INACTIVE)) {
                continue;
            }
            try {
                schedule(stored, byGroup.getOrDefault(service.key(), List.of()), draining);
            } catch (VersionConflict raced) {
                wake();
            } catch (RuntimeException e) {
                LOG.warn("scheduling service {} failed; retrying", service.arn(), e);
            }
        }
    }

    private void schedule(Versioned<Service> stored, List<Task> serviceTasks, Set<String> draining) {
        Service service = stored.value();
        Instant now = clock.instant();
        ServiceObservation observed = new ServiceObservation(serviceTasks, targets.observe(service, serviceTasks),
                draining);
        ServicePlan plan = ServiceReconciler.reconcile(service, observed, now);
        if (plan.changesNothingBut(service)) {
            return;
        }
        Map<String, Task> byId = new HashMap<>();
        serviceTasks.forEach(t -> byId.put(t.id(), t));
        List<String> events = new ArrayList<>(plan.events());
        if (!plan.deregister().isEmpty()) {
            targets.deregister(service, plan.deregister().stream().map(byId::get).toList());
        }
        List<Task> leaving = new ArrayList<>(plan.deregister().stream().map(byId::get).toList());
        plan.stop().forEach(stop -> leaving.add(byId.get(stop.taskId())));
        targets.leaveFormerGroups(service, leaving);
        if (!plan.register().isEmpty()) {
            for (String refusal : targets.register(service, plan.register().stream().map(byId::get).toList())) {
                events.add(service.label() + " failed to register targets: " + refusal);
            }
        }
        for (ServicePlan.TaskStop stop : plan.stop()) {
            Task task = byId.get(stop.taskId());
            commits.change(task.key(), t -> t.stopped() ? t
                    : TaskLifecycle.stopRequested(t, StopCode.ServiceSchedulerInitiated, stop.reason(), now));
            LOG.info("service {} stops task {}: {}", service.serviceName(), stop.taskId(), stop.reason());
        }
        Service planned = plan.service();
        if (plan.start() > 0) {
            Service next = plan.service();
            ServiceTaskLaunches.Started started = launches.start(next, next.primary().id(),
                    next.primary().taskDefinitionArn(), plan.start());
            for (Task task : started.tasks()) {
                events.add(service.label() + " has started 1 tasks: (task " + task.id() + ").");
                LOG.info("service {} started task {} of {}", service.serviceName(), task.id(),
                        task.taskDefinitionArn());
            }
            for (String reason : started.failures()) {
                events.add(service.label() + " was unable to place a task because no container instance met"
                        + " all of its requirements. Reason: " + reason);
            }
            planned = counted(next, started.tasks().size(), now);
        }
        save(stored, planned, events, now);
    }

    /** The service with the tasks just started counted as pending in its primary deployment. */
    private static Service counted(Service service, int started, Instant now) {
        if (started == 0) {
            return service;
        }
        List<berth.ecs.core.service.Deployment> deployments = new ArrayList<>(service.deployments());
        var primary = deployments.get(0);
        deployments.set(0, primary.withCounts(primary.desiredCount(), primary.pendingCount() + started,
                primary.runningCount(), primary.failedTasks(), now));
        return service.toBuilder().deployments(deployments).build();
    }

    /** Stores the service as planned, its new events first, keeping the newest {@link Service#MAX_EVENTS}. */
    private void save(Versioned<Service> stored, Service planned, List<String> messages, Instant now) {
        List<ServiceEvent> events = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            events.add(new ServiceEvent(UUID.randomUUID().toString(), now, messages.get(i)));
        }
        // a placement failure repeated pass after pass is told once
        if (!planned.events().isEmpty()) {
            String newest = planned.events().get(0).message();
            events.removeIf(e -> e.message().equals(newest) && e.message().contains("was unable to place a task"));
        }
        events.addAll(planned.events());
        if (events.size() > Service.MAX_EVENTS) {
            events = new ArrayList<>(events.subList(0, Service.MAX_EVENTS));
        }
        if (!messages.isEmpty()) {
            messages.forEach(m -> LOG.info("{}", m));
        }
        Service next = planned.toBuilder().events(events).build();
        // an unchanged record is not written again: the write would wake this loop for nothing
        if (!next.equals(stored.value())) {
            services.save(next, stored.version());
        }
    }

    private Optional<ContainerInstance> instance(String arn) {
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = arn.split(":");
        String[] resource = parts[5].split("/");
        return instances.find(new Scope(parts[4], parts[3]), resource[1], resource[2])
                .map(Versioned::value);
    }

    @Override
    public void close() {
        loop.close();
    }
}
