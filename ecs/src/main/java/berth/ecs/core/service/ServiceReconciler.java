package berth.ecs.core.service;

import berth.ecs.core.task.StopCode;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskHealth;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.core.task.TaskTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service scheduler's decision, pure: given a service and its tasks as they are, which tasks to
 * start, drain and stop, and how the service's deployments stand. Rolling deployments stay within
 * {@link DeploymentSettings#minimumHealthy} healthy tasks and {@link DeploymentSettings#maximum}
 * tasks; the circuit breaker fails (and rolls back) a deployment whose failed tasks reach ECS's
 * threshold; failed starts back off exponentially.
 */
public final class ServiceReconciler {
    /** The first delay after a failed task; doubled per consecutive failure up to {@link #BACKOFF_CAP}. */
    public static final Duration BACKOFF_BASE = Duration.ofSeconds(2);
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(60);
    /**
     * How long a task of the PRIMARY deployment must have been RUNNING before it counts as healthy: a
     * container that exits at once is reported RUNNING for a moment, and must not complete a
     * deployment nor replace an old task. Tasks of older deployments count as healthy while RUNNING.
     */
    public static final Duration STABILITY = Duration.ofSeconds(5);

    private ServiceReconciler() {}

    public static ServicePlan reconcile(Service service, ServiceObservation observed, Instant now) {
        return new Pass(service, observed, now).run();
    }

    /** The delay before new starts after {@code failures} consecutive failed tasks. */
    public static Duration backoff(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long seconds = BACKOFF_BASE.toSeconds() << Math.min(failures - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, BACKOFF_CAP.toSeconds()));
    }

    /** A task the scheduler counts as failed: stopped by something other than the scheduler or a user. */
    static boolean failed(Task task) {
        return task.stopped() && !task.stopCode().equals(StopCode.ServiceSchedulerInitiated.name())
                && !task.stopCode().equals(StopCode.UserInitiated.name());
    }

    /**
     * One reconciliation of one service, phase by phase: account for stopped tasks, stop drained ones,
     * sort the live tasks into current and old, scale in, replace old ones, plan starts, register
     * targets, count the deployments, trip the circuit breaker, settle. Each phase reads what the
     * earlier ones decided from the fields below.
     */
    private static final class Pass {
        private final Service service;
        private final ServiceObservation observed;
        private final Instant now;
        private final List<String> events = new ArrayList<>();
        private final List<ServicePlan.TaskStop> stops = new ArrayList<>();
        private final List<String> register = new ArrayList<>();
        private final List<String> deregister = new ArrayList<>();
        private final Set<String> draining = new HashSet<>();
        private final boolean balanced;
        private final ServiceProgress progress;
        private final Deployment primary;
        private final boolean active;
        private final int desired;
        private final DeploymentSettings settings;
        private final Set<String> counted = new HashSet<>();
        private final Map<String, Integer> newFailures = new HashMap<>();
        private final List<Task> current = new ArrayList<>();
        private final List<Task> old = new ArrayList<>();
        private final Set<String> leaving = new HashSet<>();
        private int consecutive;
        private Instant lastFailure;
        private List<Task> live = List.of();
        private int start;
        private List<Deployment> next = new ArrayList<>();
        private String serviceDefinition;
        private String lastCompletedId;
        private String lastCompletedDefinition;

        Pass(Service service, ServiceObservation observed, Instant now) {
            this.service = service;
            this.observed = observed;
            this.now = now;
            this.balanced = !service.loadBalancers().isEmpty();
            this.progress = service.progress();
            this.primary = service.deployments().get(0);
            this.active = service.status().equals(Service.ACTIVE);
            this.desired = active ? service.desiredCount() : 0;
            this.settings = service.deploymentSettings();
            this.consecutive = progress.consecutiveFailures();
            this.lastFailure = progress.lastFailureAt();
            this.serviceDefinition = service.taskDefinitionArn();
            this.lastCompletedId = progress.lastCompletedDeploymentId();
            this.lastCompletedDefinition = progress.lastCompletedTaskDefinitionArn();
        }

        ServicePlan run() {
            countStoppedTasks();
            findLiveTasks();
            stopDrainedTasks();
            sortCurrentAndOld();
            scaleIn();
            replaceOldTasks();
            planStarts();
            registerTargets();
            countDeployments();
            applyCircuitBreaker();
            return settle();
        }

        /** Stopped tasks not yet counted: failures of their deployment, and the run of failures. */
        private void countStoppedTasks() {
            for (Task task : observed.tasks()) {
                if (!task.stopped()) {
                    continue;
                }
                counted.add(task.id());
                if (!progress.countedStoppedTaskIds().contains(task.id()) && failed(task)) {
                    newFailures.merge(task.startedBy(), 1, Integer::sum);
                    if (task.startedBy().equals(primary.id())) {
                        consecutive++;
                        lastFailure = now;
                    }
                }
            }
        }

        /** The tasks still meant to run, oldest first; a primary task that stays up ends the run of failures. */
        private void findLiveTasks() {
            live = observed.tasks().stream()
                    .filter(t -> !t.stopped() && t.desiredStatus() == TaskStatus.RUNNING)
                    .sorted(Comparator.comparing((Task t) -> t.times().createdAt()).thenComparing(Task::id)).toList();
            for (Task task : live) {
                if (task.startedBy().equals(primary.id()) && healthy(task)
                        && task.times().startedAt().isAfter(lastFailure)) {
                    consecutive = 0;
                }
            }
        }

        /** Tasks already draining: those whose targets left their groups are stopped. */
        private void stopDrainedTasks() {
            for (Task task : live) {
                Optional<ServiceObservation.TargetView> target = target(task);
                boolean wasDraining = progress.drainingTaskIds().contains(task.id())
                        || target.map(ServiceObservation.TargetView::draining).orElse(false);
                if (wasDraining) {
                    if (target.map(ServiceObservation.TargetView::registered).orElse(false)) {
                        draining.add(task.id());
                    } else {
                        stop(task, "Scaling activity initiated by (deployment " + task.startedBy() + ")");
                    }
                }
            }
        }

        /** Current: tasks of the primary deployment that stay; old: every other live task. */
        private void sortCurrentAndOld() {
            for (Task task : live) {
                if (draining.contains(task.id()) || stopping(task)) {
                    continue;
                }
                if (active && task.startedBy().equals(primary.id()) && !replace(task)
                        && !observed.drainingInstanceArns().contains(task.containerInstanceArn())) {
                    current.add(task);
                } else {
                    old.add(task);
                }
            }
        }

        /** The newest, least advanced tasks of the primary deployment go first. */
        private void scaleIn() {
            if (current.size() <= desired) {
                return;
            }
            List<Task> byPreference = new ArrayList<>(current);
            byPreference.sort(Comparator.comparing((Task t) -> healthy(t) ? 1 : 0)
                    .thenComparing((Task t) -> t.times().createdAt(), Comparator.reverseOrder()));
            List<Task> excess = List.copyOf(byPreference.subList(0, current.size() - desired));
            for (Task task : excess) {
                retire(task, "Scaling activity initiated by (deployment " + primary.id() + ")");
            }
            current.removeAll(excess);
        }

        /** Old tasks leave: unhealthy ones at once, healthy ones as far as minimumHealthyPercent allows. */
        private void replaceOldTasks() {
            int healthy = (int) current.stream().filter(this::healthy).count()
                    + (int) old.stream().filter(this::healthy).count();
            int allowance = active ? healthy - settings.minimumHealthy(desired) : Integer.MAX_VALUE;
            List<Task> oldByPreference = new ArrayList<>(old);
            oldByPreference.sort(Comparator.comparing((Task t) -> healthy(t) ? 1 : 0));
            for (Task task : oldByPreference) {
                if (!healthy(task)) {
                    retire(task, reasonFor(task));
                } else if (allowance > 0) {
                    allowance--;
                    retire(task, reasonFor(task));
                }
            }
        }

        /** Starts for the primary deployment, within maximumPercent and the failure backoff. */
        private void planStarts() {
            Instant retryAt = lastFailure.plus(backoff(consecutive));
            if (active && current.size() < desired && !now.isBefore(retryAt)) {
                // tasks asked to stop this pass still hold their ports and resources until STOPPED
                start = Math.max(0, Math.min(desired - current.size(), settings.maximum(desired) - live.size()));
            }
        }

        /** Running tasks whose targets are not registered yet are registered; the changes are told. */
        private void registerTargets() {
            leaving.addAll(draining);
            stops.forEach(s -> leaving.add(s.taskId()));
            for (Task task : live) {
                if (balanced && task.lastStatus() == TaskStatus.RUNNING && !leaving.contains(task.id())
                        && !target(task).map(ServiceObservation.TargetView::registered).orElse(false)) {
                    register.add(task.id());
                }
            }
            if (!deregister.isEmpty()) {
                events.add(service.label() + " has begun draining connections on " + deregister.size() + " tasks.");
                for (ServiceLoadBalancer lb : service.loadBalancers()) {
                    events.add(service.label() + " deregistered " + deregister.size() + " targets in ("
                            + lb.targetGroupArn() + ")");
                }
            }
            if (!register.isEmpty()) {
                for (ServiceLoadBalancer lb : service.loadBalancers()) {
                    events.add(service.label() + " registered " + register.size() + " targets in ("
                            + lb.targetGroupArn() + ")");
                }
            }
        }

        /** Each deployment's pending, running and failed tasks. */
        private void countDeployments() {
            for (Deployment d : service.deployments()) {
                int pending = 0;
                int running = 0;
                for (Task task : live) {
                    if (task.startedBy().equals(d.id()) && !leaving.contains(task.id())) {
                        if (task.lastStatus() == TaskStatus.RUNNING) {
                            running++;
                        } else {
                            pending++;
                        }
                    }
                }
                int failed = d.failedTasks() + newFailures.getOrDefault(d.id(), 0);
                int target = d.primary() ? desired : running + pending;
                next.add(d.withCounts(target, pending, running, failed, now));
            }
        }

        /** Too many failed tasks fail the rollout, and roll back to the last completed deployment if asked. */
        private void applyCircuitBreaker() {
            Deployment p = next.get(0);
            if (!active || !p.rolloutState().equals(Deployment.IN_PROGRESS) || !settings.circuitBreaker()
                    || p.failedTasks() < DeploymentSettings.failureThreshold(desired)) {
                return;
            }
            next.set(0, p.withRollout(Deployment.FAILED, "ECS deployment circuit breaker: tasks failed to start.", now));
            events.add(service.label() + " (deployment " + p.id() + ") deployment failed: tasks failed to start.");
            if (settings.rollback() && !lastCompletedId.isEmpty()
                    && !lastCompletedDefinition.equals(p.taskDefinitionArn())) {
                String id = Deployment.idOf(now.toEpochMilli() * 1000 + Math.abs(p.id().hashCode() % 1000));
                Deployment rollback = Deployment.started(id, lastCompletedDefinition, desired, now)
                        .withRollout(Deployment.IN_PROGRESS, "ECS deployment circuit breaker: rolling back to"
                                + " deploymentId " + lastCompletedId + ".", now);
                next.set(0, next.get(0).withStatus(Deployment.ACTIVE, now));
                next.add(0, rollback);
                serviceDefinition = lastCompletedDefinition;
                events.add(service.label() + " (deployment " + p.id() + ") deployment rolling back to "
                        + lastCompletedId + ".");
                consecutive = 0;
                start = 0;
            }
        }

        /**
         * With nothing left to do the rollout completes, older deployments and former load balancers are
         * dropped, and a DRAINING service whose tasks are all stopping becomes INACTIVE.
         */
        private ServicePlan settle() {
            Deployment p = next.get(0);
            boolean othersDone = next.stream().skip(1).allMatch(d -> d.runningCount() + d.pendingCount() == 0);
            long healthyCurrent = current.stream().filter(this::healthy).count();
            boolean settled = othersDone && healthyCurrent == desired && current.size() == desired && start == 0
                    && stops.isEmpty() && draining.isEmpty() && deregister.isEmpty() && register.isEmpty();
            if (settled && p.rolloutState().equals(Deployment.IN_PROGRESS)) {
                p = p.withRollout(Deployment.COMPLETED, "ECS deployment " + p.id() + " completed.", now);
                next.set(0, p);
                events.add(service.label() + " (deployment " + p.id() + ") deployment completed.");
            }
            if (p.rolloutState().equals(Deployment.COMPLETED)) {
                lastCompletedId = p.id();
                lastCompletedDefinition = p.taskDefinitionArn();
            }
            List<ServiceLoadBalancer> former = service.formerLoadBalancers();
            if (settled) {
                next.subList(1, next.size()).clear();
                former = List.of();
            } else {
                List<Deployment> kept = new ArrayList<>(next.subList(0, 1));
                next.stream().skip(1).filter(d -> d.runningCount() + d.pendingCount() > 0).forEach(kept::add);
                next = kept;
            }
            boolean steady = settled && active;
            if (steady && !progress.steady()) {
                events.add(service.label() + " has reached a steady state.");
            }
            Set<String> nextDraining = new LinkedHashSet<>(draining);
            nextDraining.addAll(deregister);
            ServiceProgress nextProgress = new ServiceProgress(nextDraining, counted, consecutive, lastFailure, steady,
                    lastCompletedId, lastCompletedDefinition);
            String status = service.status();
            if (status.equals(Service.DRAINING) && live.size() == stops.size() && draining.isEmpty()
                    && deregister.isEmpty()) {
                status = Service.INACTIVE;
            }
            Service updated = service.toBuilder().status(status).taskDefinitionArn(serviceDefinition)
                    .deployments(next).progress(nextProgress).formerLoadBalancers(former).build();
            return new ServicePlan(updated, start, stops, register, deregister, events);
        }

        private Optional<ServiceObservation.TargetView> target(Task task) {
            return Optional.ofNullable(observed.targets().get(task.id()));
        }

        /** A task already asked to stop by this pass. */
        private boolean stopping(Task task) {
            return stops.stream().anyMatch(s -> s.taskId().equals(task.id()));
        }

        /**
         * RUNNING (for {@link #STABILITY} when of the PRIMARY deployment), its essential containers not
         * UNHEALTHY, and healthy in its target groups when load balanced.
         */
        private boolean healthy(Task task) {
            if (task.lastStatus() != TaskStatus.RUNNING || task.healthStatus().equals(TaskHealth.UNHEALTHY)) {
                return false;
            }
            Instant started = TaskTimes.set(task.times().startedAt()) ? task.times().startedAt()
                    : task.times().createdAt();
            if (task.startedBy().equals(service.primary().id()) && now.isBefore(started.plus(STABILITY))) {
                return false;
            }
            return !balanced || target(task).map(ServiceObservation.TargetView::healthy).orElse(false);
        }

        /** A task to replace: its container health check failed, or its targets are unhealthy past the grace period. */
        private boolean replace(Task task) {
            if (task.lastStatus() != TaskStatus.RUNNING) {
                return false;
            }
            if (task.healthStatus().equals(TaskHealth.UNHEALTHY)) {
                return true;
            }
            Instant started = TaskTimes.set(task.times().startedAt()) ? task.times().startedAt() : now;
            return balanced && target(task).map(ServiceObservation.TargetView::unhealthy).orElse(false)
                    && !now.isBefore(started.plusSeconds(service.healthCheckGracePeriodSeconds()));
        }

        private String reasonFor(Task task) {
            if (task.healthStatus().equals(TaskHealth.UNHEALTHY)) {
                return "Task failed container health checks";
            }
            if (balanced && target(task).map(ServiceObservation.TargetView::unhealthy).orElse(false)) {
                return "Task failed ELB health checks in (target-group "
                        + service.loadBalancers().get(0).targetGroupArn() + ")";
            }
            if (observed.drainingInstanceArns().contains(task.containerInstanceArn())) {
                return "Service " + service.serviceName() + " container instance is DRAINING";
            }
            return "Scaling activity initiated by (deployment " + service.primary().id() + ")";
        }

        /** Takes a task out of service: deregisters its targets first when load balanced, else stops it. */
        private void retire(Task task, String reason) {
            if (balanced && target(task).map(ServiceObservation.TargetView::registered).orElse(false)) {
                deregister.add(task.id());
                return;
            }
            stop(task, reason);
        }

        private void stop(Task task, String reason) {
            stops.add(new ServicePlan.TaskStop(task.id(), reason));
            events.add(service.label() + " has stopped 1 running tasks: (task " + task.id() + ").");
        }
    }
}
