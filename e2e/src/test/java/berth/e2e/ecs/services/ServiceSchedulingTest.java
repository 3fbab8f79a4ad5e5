package berth.e2e.ecs.services;

import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.removeContainers;
import static berth.e2e.ecs.TaskRuns.sleep;
import static berth.e2e.ecs.services.ServiceRuns.*;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services keep their desired count of tasks running on the local agent: they scale, replace killed
 * tasks, roll out new revisions and roll back broken ones with the circuit breaker.
 */
@BerthTest
class ServiceSchedulingTest {
    private final EcsClient ecs;
    private final URI endpoint;

    ServiceSchedulingTest(EcsClient ecs, URI endpoint) {
        this.ecs = ecs;
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void agent(EcsClient ecs) {
        busybox();
        berth.e2e.ecs.TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void removeAll(URI endpoint) {
        removeContainers(endpoint);
    }

    private String register(String family, String script) {
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder()
                .name("app").image(busybox()).memory(16).stopTimeout(1).command("sh", "-c", script).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static List<String> messages(Service service) {
        return service.events().stream().map(ServiceEvent::message).toList();
    }

    @Test
    void aThreeTaskServiceScalesUpAndDownAndReachesSteadyState() throws Exception {
        String definition = register("svc-scale", "exec sleep 600");
        Service created = ecs.createService(r -> r.cluster(CLUSTER).serviceName("scale").taskDefinition(definition)
                .desiredCount(3)).service();
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/default/scale");
        assertThat(created.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).matches("ecs-svc/\\d{19}");
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        });

        // from the pass that starts the tasks on, each is counted: pending until it runs, then running
        Service starting = await(ecs, "scale", s -> s.events().stream().anyMatch(e -> e.message().contains("has started")),
                Duration.ofSeconds(30), "start its tasks");
        assertThat(starting.pendingCount() + starting.runningCount()).isEqualTo(3);
        assertThat(starting.deployments().get(0).pendingCount() + starting.deployments().get(0).runningCount())
                .isEqualTo(3);
        waitStable(endpoint, "scale");
        assertThat(describe(ecs, "scale").runningCount()).isEqualTo(3);
        // the rollout completes once its tasks have stayed RUNNING for a few seconds
        Service stable = await(ecs, "scale", s -> s.deployments().get(0).rolloutState()
                == DeploymentRolloutState.COMPLETED, Duration.ofSeconds(30), "complete its rollout");
        assertThat(stable.deployments()).hasSize(1);
        List<Task> tasks = tasksOf(ecs, "scale");
        assertThat(tasks).hasSize(3).allSatisfy(t -> {
            assertThat(t.group()).isEqualTo("service:scale");
            assertThat(t.startedBy()).isEqualTo(stable.deployments().get(0).id());
            assertThat(t.lastStatus()).isEqualTo("RUNNING");
        });
        for (Task t : tasks) {
            String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
            assertThat(messages(stable)).contains("(service scale) has started 1 tasks: (task " + id + ").");
        }
        assertThat(messages(stable).get(0)).isEqualTo("(service scale) has reached a steady state.");

        ecs.updateService(r -> r.cluster(CLUSTER).service("scale").desiredCount(1));
        await(ecs, "scale", s -> s.runningCount() == 1 && s.pendingCount() == 0, Duration.ofSeconds(60),
                "scale in to 1");
        waitStable(endpoint, "scale");
        assertThat(tasksOf(ecs, "scale")).hasSize(1);
        assertThat(messages(describe(ecs, "scale"))).anyMatch(m -> m.startsWith("(service scale) has stopped 1 running"
                + " tasks: (task "));

        ecs.updateService(r -> r.cluster(CLUSTER).service("scale").desiredCount(2));
        waitStable(endpoint, "scale");
        assertThat(tasksOf(ecs, "scale")).hasSize(2);

        Service deleting = ecs.deleteService(r -> r.cluster(CLUSTER).service("scale").force(true)).service();
        assertThat(deleting.status()).isEqualTo("DRAINING");
        await(ecs, "scale", s -> s.status().equals("INACTIVE"), Duration.ofSeconds(60), "become INACTIVE");
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).doesNotContain(deleting.serviceArn());
    }

    @Test
    void aKilledTaskIsReplaced() throws Exception {
        String definition = register("svc-kill", "exec sleep 600");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("kill").taskDefinition(definition).desiredCount(2));
        waitStable(endpoint, "kill");
        List<Task> before = tasksOf(ecs, "kill");
        Task victim = before.get(0);
        docker("kill", victim.containers().get(0).runtimeId());

        await(ecs, "kill", s -> {
            Set<String> now = tasksOf(ecs, "kill").stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                    .map(Task::taskArn).collect(Collectors.toSet());
            return now.size() == 2 && !now.contains(victim.taskArn());
        }, Duration.ofSeconds(60), "replace the killed task");
        waitStable(endpoint, "kill");
        Task stopped = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(victim.taskArn())).tasks().get(0);
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(describe(ecs, "kill").deployments().get(0).failedTasks()).isEqualTo(1);
        ecs.deleteService(r -> r.cluster(CLUSTER).service("kill").force(true));
    }

    @Test
    void aRollingUpdateCompletesWithTheNewRevision() throws Exception {
        String first = register("svc-roll", "exec sleep 600");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("roll").taskDefinition(first).desiredCount(2)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(200)));
        waitStable(endpoint, "roll");
        String firstDeployment = describe(ecs, "roll").deployments().get(0).id();

        String second = register("svc-roll", "echo v2; exec sleep 600");
        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("roll").taskDefinition(second)).service();
        assertThat(updated.deployments()).hasSize(2);
        assertThat(updated.deployments().get(0).status()).isEqualTo("PRIMARY");
        assertThat(updated.deployments().get(0).taskDefinition()).isEqualTo(second);
        assertThat(updated.deployments().get(1).status()).isEqualTo("ACTIVE");

        waitStable(endpoint, "roll");
        Service done = describe(ecs, "roll");
        Deployment primary = done.deployments().get(0);
        assertThat(done.deployments()).hasSize(1);
        assertThat(primary.taskDefinition()).isEqualTo(second);
        assertThat(primary.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(primary.id()).isNotEqualTo(firstDeployment);
        assertThat(tasksOf(ecs, "roll")).hasSize(2).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(second));
        assertThat(messages(done)).contains("(service roll) (deployment " + primary.id() + ") deployment completed.");
        ecs.deleteService(r -> r.cluster(CLUSTER).service("roll").force(true));
    }

    @Test
    void theCircuitBreakerRollsBackABrokenRevision() throws Exception {
        String good = register("svc-broken", "exec sleep 600");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("broken").taskDefinition(good).desiredCount(1)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        String goodDeployment = await(ecs, "broken", s -> s.deployments().get(0).rolloutState()
                == DeploymentRolloutState.COMPLETED, Duration.ofSeconds(60), "complete").deployments().get(0).id();

        String bad = register("svc-broken", "exit 1");
        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("broken").taskDefinition(bad)).service();
        String badDeployment = updated.deployments().get(0).id();

        Service rolledBack = await(ecs, "broken", s -> s.taskDefinition().equals(good)
                && s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                && s.deployments().size() == 1, Duration.ofSeconds(90), "roll back");
        assertThat(rolledBack.deployments().get(0).id()).isNotIn(goodDeployment, badDeployment);
        assertThat(messages(rolledBack)).contains("(service broken) (deployment " + badDeployment
                + ") deployment failed: tasks failed to start.");
        assertThat(tasksOf(ecs, "broken")).singleElement()
                .satisfies(t -> assertThat(t.taskDefinitionArn()).isEqualTo(good));
        ecs.deleteService(r -> r.cluster(CLUSTER).service("broken").force(true));
    }
}
