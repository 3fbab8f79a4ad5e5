package berth.ecs.core.service;

import static berth.ecs.core.service.ServiceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import berth.ecs.core.service.ServiceObservation.TargetView;
import berth.ecs.core.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceReconcilerTest {

    private static ServicePlan reconcile(Service s, List<Task> tasks) {
        return ServiceReconciler.reconcile(s, new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(60));
    }

    private static List<Task> running(String deployment, int revision, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(ServiceFixtures.running(deployment, revision));
        }
        return tasks;
    }

    @Test
    void startsTheMissingTasksOfANewService() {
        ServicePlan plan = reconcile(service(3), List.of());
        assertEquals(3, plan.start());
        assertTrue(plan.stop().isEmpty());
        assertFalse(plan.service().progress().steady());
    }

    @Test
    void reportsASteadyStateOnceWhenAllTasksRun() {
        Service s = service(3);
        s = s.toBuilder().progress(new ServiceProgress(Set.of(), Set.of(), 0, T0, false, DEPLOYMENT_1,
                s.taskDefinitionArn())).build();
        ServicePlan plan = reconcile(s, running(DEPLOYMENT_1, 1, 3));
        assertEquals(0, plan.start());
        assertEquals(List.of("(service web) has reached a steady state."), plan.events());
        assertEquals(3, plan.service().primary().runningCount());
        ServicePlan again = reconcile(plan.service(), running(DEPLOYMENT_1, 1, 3));
        assertTrue(again.events().isEmpty());
        assertTrue(again.changesNothingBut(plan.service()));
    }

    @Test
    void scalesInByStoppingTheExcessTasks() {
        List<Task> tasks = running(DEPLOYMENT_1, 1, 3);
        ServicePlan plan = reconcile(service(1), tasks);
        assertEquals(2, plan.stop().size());
        assertEquals(0, plan.start());
        assertTrue(plan.events().contains("(service web) has stopped 1 running tasks: (task "
                + plan.stop().get(0).taskId() + ")."));
        assertTrue(plan.stop().get(0).reason().startsWith("Scaling activity initiated by (deployment ecs-svc/"));
    }

    @Test
    void replacesAStoppedTask() {
        List<Task> tasks = new ArrayList<>(running(DEPLOYMENT_1, 1, 2));
        tasks.add(failed(DEPLOYMENT_1, 1));
        ServicePlan plan = reconcile(service(3), tasks);
        assertEquals(0, plan.start(), "backed off right after the failure");
        assertEquals(1, plan.service().primary().failedTasks());
        // counted once: the next pass over the same stopped task adds nothing, and replaces it
        ServicePlan next = ServiceReconciler.reconcile(plan.service(),
                new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(600));
        assertEquals(1, next.service().primary().failedTasks());
        assertEquals(1, next.start());
    }

    @Test
    void replacesATaskWhoseContainerHealthCheckFails() {
        List<Task> tasks = new ArrayList<>(running(DEPLOYMENT_1, 1, 2));
        Task sick = unhealthy(DEPLOYMENT_1, 1);
        tasks.add(sick);
        ServicePlan plan = reconcile(service(3), tasks);
        assertEquals(1, plan.start());
        assertEquals(List.of(new ServicePlan.TaskStop(sick.id(), "Task failed container health checks")), plan.stop());
    }

    @Test
    void rollingUpdateStartsUpToMaximumPercentAndKeepsMinimumHealthy() {
        Service s = deploying(service(4), new DeploymentSettings(100, 200, false, false));
        List<Task> old = running(DEPLOYMENT_1, 1, 4);
        ServicePlan first = reconcile(s, old);
        assertEquals(4, first.start(), "up to 200% of 4");
        assertTrue(first.stop().isEmpty(), "no old task stops before new ones are healthy");

        List<Task> withPending = new ArrayList<>(old);
        for (int i = 0; i < 4; i++) {
            withPending.add(pending(DEPLOYMENT_2, 2));
        }
        ServicePlan waiting = reconcile(first.service(), withPending);
        assertEquals(0, waiting.start());
        assertTrue(waiting.stop().isEmpty());
        assertEquals(4, waiting.service().primary().pendingCount());

        List<Task> bothRunning = new ArrayList<>(old);
        bothRunning.addAll(running(DEPLOYMENT_2, 2, 4));
        ServicePlan replacing = reconcile(waiting.service(), bothRunning);
        assertEquals(4, replacing.stop().size());
        assertTrue(replacing.stop().stream().allMatch(st -> old.stream().anyMatch(t -> t.id().equals(st.taskId()))));
    }

    @Test
    void rollingUpdateWithinHundredPercentStopsBeforeStarting() {
        Service s = deploying(service(4), new DeploymentSettings(50, 100, false, false));
        List<Task> old = running(DEPLOYMENT_1, 1, 4);
        ServicePlan first = reconcile(s, old);
        assertEquals(0, first.start(), "no room above 100% until old tasks have stopped");
        assertEquals(2, first.stop().size(), "down to 50% healthy");

        List<Task> half = new ArrayList<>(old.subList(2, 4));
        ServicePlan second = reconcile(first.service(), half);
        assertEquals(2, second.start());
        assertTrue(second.stop().isEmpty(), "the two old tasks left are the 50% minimum");

        List<Task> mixed = new ArrayList<>(half);
        mixed.add(pending(DEPLOYMENT_2, 2));
        mixed.add(pending(DEPLOYMENT_2, 2));
        ServicePlan third = reconcile(second.service(), mixed);
        assertEquals(0, third.start());
        assertTrue(third.stop().isEmpty(), "pending new tasks are not healthy yet");
    }

    @Test
    void completesTheDeploymentWhenOnlyNewTasksRun() {
        Service s = deploying(service(2), DeploymentSettings.defaults());
        ServicePlan plan = reconcile(s, running(DEPLOYMENT_2, 2, 2));
        Deployment primary = plan.service().primary();
        assertEquals(Deployment.COMPLETED, primary.rolloutState());
        assertEquals(1, plan.service().deployments().size());
        assertEquals(DEPLOYMENT_2, plan.service().progress().lastCompletedDeploymentId());
        assertTrue(plan.events().contains("(service web) has reached a steady state."));
    }

    @Test
    void aTaskJustRunningNeitherCompletesADeploymentNorReplacesAnOldTask() {
        Service s = deploying(service(1), DeploymentSettings.defaults());
        Task old = ServiceFixtures.running(DEPLOYMENT_1, 1);
        Task pending = ServiceFixtures.pending(DEPLOYMENT_2, 2);
        Task fresh = pending.toBuilder().lastStatus(berth.ecs.core.task.TaskStatus.RUNNING)
                .times(pending.times().withStartedAt(T0.plusSeconds(60))).build();
        ServicePlan moment = ServiceReconciler.reconcile(s, new ServiceObservation(List.of(old, fresh), Map.of(),
                Set.of()), T0.plusSeconds(61));
        assertTrue(moment.stop().isEmpty());
        assertEquals(Deployment.IN_PROGRESS, moment.service().primary().rolloutState());
        ServicePlan stable = ServiceReconciler.reconcile(moment.service(), new ServiceObservation(List.of(old, fresh),
                Map.of(), Set.of()), T0.plusSeconds(60).plus(ServiceReconciler.STABILITY));
        assertEquals(List.of(old.id()), stable.stop().stream().map(ServicePlan.TaskStop::taskId).toList());
    }

    @Test
    void circuitBreakerThresholdFollowsEcs() {
        assertEquals(3, DeploymentSettings.failureThreshold(1));
        assertEquals(3, DeploymentSettings.failureThreshold(6));
        assertEquals(4, DeploymentSettings.failureThreshold(7));
        assertEquals(5, DeploymentSettings.failureThreshold(10));
        assertEquals(200, DeploymentSettings.failureThreshold(1000));
    }

    @Test
    void circuitBreakerRollsBackToTheLastCompletedDeployment() {
        Service s = deploying(service(2), new DeploymentSettings(100, 200, true, true));
        List<Task> tasks = new ArrayList<>(running(DEPLOYMENT_1, 1, 2));
        tasks.add(failed(DEPLOYMENT_2, 2));
        tasks.add(failed(DEPLOYMENT_2, 2));
        ServicePlan notYet = reconcile(s, tasks);
        assertEquals(Deployment.IN_PROGRESS, notYet.service().primary().rolloutState());

        tasks.add(failed(DEPLOYMENT_2, 2));
        ServicePlan tripped = ServiceReconciler.reconcile(notYet.service(),
                new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(600));
        List<Deployment> deployments = tripped.service().deployments();
        Deployment rollback = deployments.get(0);
        assertEquals(Deployment.PRIMARY, rollback.status());
        assertEquals(definition(1).arn(), rollback.taskDefinitionArn());
        assertEquals(definition(1).arn(), tripped.service().taskDefinitionArn());
        assertEquals("ECS deployment circuit breaker: rolling back to deploymentId " + DEPLOYMENT_1 + ".",
                rollback.rolloutStateReason());
        assertTrue(deployments.stream().noneMatch(d -> d.id().equals(DEPLOYMENT_2) && !d.rolloutState().equals(
                Deployment.FAILED)), "the failed deployment, while it has tasks, shows FAILED");
        assertTrue(tripped.events().contains("(service web) (deployment " + DEPLOYMENT_2
                + ") deployment failed: tasks failed to start."));

        // the rollback deployment adopts nothing: the old tasks belong to deployment 1, which settles it as ECS does
        ServicePlan settled = ServiceReconciler.reconcile(tripped.service(),
                new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(601));
        assertEquals(2, settled.start());
    }

    @Test
    void circuitBreakerWithoutRollbackOnlyFailsTheDeployment() {
        Service s = deploying(service(2), new DeploymentSettings(100, 200, true, false));
        List<Task> tasks = new ArrayList<>(running(DEPLOYMENT_1, 1, 2));
        for (int i = 0; i < 3; i++) {
            tasks.add(failed(DEPLOYMENT_2, 2));
        }
        ServicePlan plan = reconcile(s, tasks);
        assertEquals(Deployment.FAILED, plan.service().primary().rolloutState());
        assertEquals(DEPLOYMENT_2, plan.service().primary().id());
    }

    @Test
    void failedStartsBackOffExponentiallyUpToTheCap() {
        assertEquals(Duration.ZERO, ServiceReconciler.backoff(0));
        assertEquals(Duration.ofSeconds(2), ServiceReconciler.backoff(1));
        assertEquals(Duration.ofSeconds(8), ServiceReconciler.backoff(3));
        assertEquals(ServiceReconciler.BACKOFF_CAP, ServiceReconciler.backoff(30));

        Service s = service(1);
        List<Task> tasks = List.of(failed(DEPLOYMENT_1, 1));
        ServicePlan first = ServiceReconciler.reconcile(s, new ServiceObservation(tasks, Map.of(), Set.of()), T0);
        assertEquals(0, first.start(), "the failure just counted delays the replacement");
        assertEquals(1, first.service().progress().consecutiveFailures());
        ServicePlan early = ServiceReconciler.reconcile(first.service(),
                new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(1));
        assertEquals(0, early.start());
        ServicePlan due = ServiceReconciler.reconcile(early.service(),
                new ServiceObservation(tasks, Map.of(), Set.of()), T0.plusSeconds(2));
        assertEquals(1, due.start());
    }

    @Test
    void aTaskThatCrashesRightAfterStartingDoesNotEndTheBackoff() {
        Service s = service(1);
        Task crashed = failed(DEPLOYMENT_1, 1);
        ServicePlan first = ServiceReconciler.reconcile(s, new ServiceObservation(List.of(crashed), Map.of(),
                Set.of()), T0.plusSeconds(100));
        assertEquals(1, first.service().progress().consecutiveFailures());
        Task pending = ServiceFixtures.pending(DEPLOYMENT_1, 1);
        Task briefly = pending.toBuilder().lastStatus(berth.ecs.core.task.TaskStatus.RUNNING)
                .times(pending.times().withStartedAt(T0.plusSeconds(103))).build();
        ServicePlan moment = ServiceReconciler.reconcile(first.service(), new ServiceObservation(
                List.of(crashed, briefly), Map.of(), Set.of()), T0.plusSeconds(104));
        assertEquals(1, moment.service().progress().consecutiveFailures(), "not yet stable");
        ServicePlan stayed = ServiceReconciler.reconcile(moment.service(), new ServiceObservation(
                List.of(crashed, briefly), Map.of(), Set.of()), T0.plusSeconds(110));
        assertEquals(0, stayed.service().progress().consecutiveFailures());
    }

    @Test
    void targetGroupsRemovedByAnUpdateAreForgottenOnceTheOldDeploymentIsGone() {
        ServiceLoadBalancer old = new ServiceLoadBalancer(TG + "-old", "web", 8080);
        Service s = deploying(service(1), DeploymentSettings.defaults()).toBuilder()
                .formerLoadBalancers(List.of(old)).build();
        ServicePlan rolling = reconcile(s, List.of(ServiceFixtures.running(DEPLOYMENT_1, 1)));
        assertEquals(List.of(old), rolling.service().formerLoadBalancers());
        ServicePlan done = reconcile(rolling.service(), List.of(ServiceFixtures.running(DEPLOYMENT_2, 2)));
        assertEquals(List.of(), done.service().formerLoadBalancers());
    }

    @Test
    void tasksOnADrainingInstanceAreReplacedKeepingMinimumHealthy() {
        Service s = service(2);
        List<Task> tasks = running(DEPLOYMENT_1, 1, 2);
        Set<String> draining = Set.of(tasks.get(0).containerInstanceArn());
        ServicePlan first = ServiceReconciler.reconcile(s, new ServiceObservation(tasks, Map.of(), draining),
                T0.plusSeconds(60));
        assertEquals(2, first.start());
        assertTrue(first.stop().isEmpty());

        List<Task> withNew = new ArrayList<>(tasks);
        List<Task> fresh = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Task t = ServiceFixtures.running(DEPLOYMENT_1, 1);
            fresh.add(new Task(t.accountId(), t.region(), t.cluster(), t.id(), t.taskDefinitionArn(), t.definition(),
                    "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/i2", t.launchType(),
                    t.capacityProviderName(), t.platformVersion(), t.availabilityZone(), t.reservation(),
                    t.desiredStatus(), t.lastStatus(), t.healthStatus(), t.connectivity(), t.stopCode(),
                    t.stoppedReason(), t.containers(), t.attachments(), t.group(), t.startedBy(), t.tags(),
                    t.overrides(), t.clientToken(), t.enableExecuteCommand(), t.times(), t.version()));
        }
        withNew.addAll(fresh);
        ServicePlan second = ServiceReconciler.reconcile(first.service(),
                new ServiceObservation(withNew, Map.of(), draining), T0.plusSeconds(61));
        assertEquals(Set.of(tasks.get(0).id(), tasks.get(1).id()),
                Set.copyOf(second.stop().stream().map(ServicePlan.TaskStop::taskId).toList()));
        assertEquals(0, second.start());
    }

    @Test
    void loadBalancedTasksAreRegisteredThenDrainedBeforeStopping() {
        Service s = balanced(service(1));
        Task task = ServiceFixtures.running(DEPLOYMENT_1, 1);
        ServicePlan register = reconcile(s, List.of(task));
        assertEquals(List.of(task.id()), register.register());
        assertTrue(register.events().contains("(service web) registered 1 targets in (" + TG + ")"));

        Map<String, TargetView> healthy = new HashMap<>(Map.of(task.id(), new TargetView(true, "healthy")));
        ServicePlan steady = ServiceReconciler.reconcile(register.service(),
                new ServiceObservation(List.of(task), healthy, Set.of()), T0.plusSeconds(61));
        assertTrue(steady.register().isEmpty());

        Service scaledIn = steady.service().toBuilder().desiredCount(0).build();
        ServicePlan drain = ServiceReconciler.reconcile(scaledIn,
                new ServiceObservation(List.of(task), healthy, Set.of()), T0.plusSeconds(62));
        assertEquals(List.of(task.id()), drain.deregister());
        assertTrue(drain.stop().isEmpty(), "the task keeps running while its connections drain");
        assertTrue(drain.events().contains("(service web) has begun draining connections on 1 tasks."));
        assertTrue(drain.events().contains("(service web) deregistered 1 targets in (" + TG + ")"));

        ServicePlan stillDraining = ServiceReconciler.reconcile(drain.service(), new ServiceObservation(List.of(task),
                Map.of(task.id(), new TargetView(true, "draining")), Set.of()), T0.plusSeconds(63));
        assertTrue(stillDraining.stop().isEmpty());
        assertTrue(stillDraining.deregister().isEmpty());

        ServicePlan drained = ServiceReconciler.reconcile(stillDraining.service(), new ServiceObservation(
                List.of(task), Map.of(task.id(), new TargetView(false, "unused")), Set.of()), T0.plusSeconds(70));
        assertEquals(List.of(task.id()), drained.stop().stream().map(ServicePlan.TaskStop::taskId).toList());
        assertTrue(drained.register().isEmpty(), "a drained task is not registered again");
    }

    @Test
    void unhealthyTargetsAreReplacedAfterTheGracePeriod() {
        Service s = balanced(service(1)).toBuilder().healthCheckGracePeriodSeconds(120).build();
        Task task = ServiceFixtures.running(DEPLOYMENT_1, 1);
        Map<String, TargetView> unhealthy = Map.of(task.id(), new TargetView(true, "unhealthy"));
        ServicePlan inGrace = ServiceReconciler.reconcile(s, new ServiceObservation(List.of(task), unhealthy, Set.of()),
                T0.plusSeconds(60));
        assertTrue(inGrace.deregister().isEmpty());
        ServicePlan after = ServiceReconciler.reconcile(s, new ServiceObservation(List.of(task), unhealthy, Set.of()),
                T0.plusSeconds(121));
        assertEquals(List.of(task.id()), after.deregister());
        assertEquals(1, after.start());
    }

    @Test
    void aDeletedServiceBecomesInactiveOnceItsTasksAreGone() {
        Service s = service(0).toBuilder().status(Service.DRAINING).build();
        List<Task> tasks = running(DEPLOYMENT_1, 1, 2);
        ServicePlan plan = reconcile(s, tasks);
        assertEquals(2, plan.stop().size());
        assertEquals(Service.INACTIVE, plan.service().status());
        assertEquals(Service.INACTIVE, reconcile(s, List.of()).service().status());
    }
}
