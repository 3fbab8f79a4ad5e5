package berth.e2e.ecs.services;

import static berth.e2e.ecs.TaskRuns.removeContainers;
import static berth.e2e.ecs.TaskRuns.sleep;
import static berth.e2e.ecs.services.ServiceRuns.*;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A service behind an Application Load Balancer: its tasks register as targets, requests spread over
 * them, and a rolling update under continuous load loses no request.
 */
@BerthTest
class LoadBalancedServiceTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;

    LoadBalancedServiceTest(EcsClient ecs, ElasticLoadBalancingV2Client elb) {
        this.ecs = ecs;
        this.elb = elb;
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

    private String register(String version) {
        String script = "mkdir -p /www && echo " + version + "-$HOSTNAME > /www/index.html"
                + " && exec httpd -f -p 8080 -h /www";
        return ecs.registerTaskDefinition(r -> r.family("svc-web").containerDefinitions(ContainerDefinition.builder()
                .name("web").image(busybox()).memory(16).stopTimeout(1).command("sh", "-c", script)
                .portMappings(PortMapping.builder().containerPort(8080).hostPort(0).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** A load balancer listening on a free port of this host, forwarding to a new instance target group. */
    private record Balancer(String targetGroupArn, int port) {}

    private Balancer balancer(String name) {
        String lb = elb.createLoadBalancer(r -> r.name(name).subnets("subnet-1", "subnet-2"))
                .loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId("vpc-1")
                .targetType(TargetTypeEnum.INSTANCE).healthCheckPath("/").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2))
                .targetGroups().get(0).targetGroupArn();
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("2")));
        int port = freePort();
        elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(port)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
        return new Balancer(tg, port);
    }

    private List<TargetHealthDescription> health(String tg) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
    }

    private static HttpResponse<String> get(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loadBalancersMustNameAContainerPortOfTheTaskDefinition() {
        String definition = register("v0");
        Balancer b = balancer("checks");
        InvalidParameterException wrongPort = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidParameterException.class, () -> ecs.createService(r -> r.cluster(CLUSTER).serviceName("bad")
                        .taskDefinition(definition).desiredCount(1).loadBalancers(l -> l
                                .targetGroupArn(b.targetGroupArn()).containerName("web").containerPort(9999))));
        assertThat(wrongPort.awsErrorDetails().errorMessage())
                .isEqualTo("The container web did not have a container port 9999 defined.");
        InvalidParameterException wrongName = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidParameterException.class, () -> ecs.createService(r -> r.cluster(CLUSTER).serviceName("bad")
                        .taskDefinition(definition).desiredCount(1).loadBalancers(l -> l
                                .targetGroupArn(b.targetGroupArn()).containerName("nope").containerPort(8080))));
        assertThat(wrongName.awsErrorDetails().errorMessage())
                .isEqualTo("The container nope does not exist in the task definition.");
    }

    @Test
    void requestsSpreadOverTheTasksAndARollingUpdateUnderLoadLosesNone() throws Exception {
        Balancer b = balancer("web");
        String first = register("v1");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("web").taskDefinition(first).desiredCount(3)
                .healthCheckGracePeriodSeconds(30)
                .loadBalancers(l -> l.targetGroupArn(b.targetGroupArn()).containerName("web").containerPort(8080)));

        await(ecs, "web", s -> s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                && s.runningCount() == 3, Duration.ofSeconds(90), "complete behind the load balancer");
        assertThat(health(b.targetGroupArn())).hasSize(3)
                .allSatisfy(h -> assertThat(h.targetHealth().stateAsString()).isEqualTo("healthy"));
        List<String> events = describe(ecs, "web").events().stream().map(ServiceEvent::message).toList();
        assertThat(events).anyMatch(m -> m.equals("(service web) registered 3 targets in (" + b.targetGroupArn()
                + ")") || m.equals("(service web) registered 1 targets in (" + b.targetGroupArn() + ")"));

        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 60 && answers.size() < 3; i++) {
            HttpResponse<String> r = get(b.port());
            assertThat(r.statusCode()).isEqualTo(200);
            answers.add(r.body().trim());
        }
        assertThat(answers).hasSize(3).allSatisfy(a -> assertThat(a).startsWith("v1-"));
        Set<String> hosts = new HashSet<>();
        for (Task t : tasksOf(ecs, "web")) {
            hosts.add("v1-" + t.containers().get(0).runtimeId().substring(0, 12));
        }
        assertThat(answers).isEqualTo(hosts);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread load = Thread.ofPlatform().start(() -> {
            while (loading.get()) {
                try {
                    HttpResponse<String> r = get(b.port());
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                        seen.add(r.body().trim().substring(0, 2));
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            String second = register("v2");
            ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(second));
            await(ecs, "web", s -> s.deployments().size() == 1 && s.taskDefinition().equals(second)
                    && s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                    && s.runningCount() == 3, Duration.ofSeconds(120), "roll out v2");
            sleep(Duration.ofSeconds(1));
        } finally {
            loading.set(false);
            load.join();
        }
        assertThat(failed.get()).as("failed requests during the rollout (of %d good)", ok.get()).isZero();
        assertThat(seen).contains("v1", "v2");
        assertThat(get(b.port()).body()).startsWith("v2-");
        List<String> rolled = describe(ecs, "web").events().stream().map(ServiceEvent::message).toList();
        assertThat(rolled).anyMatch(m -> m.startsWith("(service web) has begun draining connections on "));
        assertThat(rolled).anyMatch(m -> m.startsWith("(service web) deregistered ")
                && m.endsWith(" targets in (" + b.targetGroupArn() + ")"));
        ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
    }

    @Test
    void movingToAnotherTargetGroupRedeploysAndLeavesTheOldGroupEmpty() throws Exception {
        Balancer before = balancer("move-a");
        Balancer after = balancer("move-b");
        String definition = register("move");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("move").taskDefinition(definition).desiredCount(1)
                .loadBalancers(l -> l.targetGroupArn(before.targetGroupArn()).containerName("web").containerPort(8080)));
        String first = await(ecs, "move", s -> s.deployments().get(0).rolloutState()
                == DeploymentRolloutState.COMPLETED, Duration.ofSeconds(60), "complete").deployments().get(0).id();
        assertThat(get(before.port()).body()).startsWith("move-");

        var updated = ecs.updateService(r -> r.cluster(CLUSTER).service("move").loadBalancers(l -> l
                .targetGroupArn(after.targetGroupArn()).containerName("web").containerPort(8080))).service();
        assertThat(updated.deployments()).hasSize(2);
        await(ecs, "move", s -> s.deployments().size() == 1 && !s.deployments().get(0).id().equals(first)
                && s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED, Duration.ofSeconds(90),
                "complete the move");
        Instant deadline = Instant.now().plusSeconds(20);
        while (!health(before.targetGroupArn()).isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
        }
        assertThat(health(before.targetGroupArn())).as("the old group's targets").isEmpty();
        assertThat(health(after.targetGroupArn())).singleElement()
                .satisfies(h -> assertThat(h.targetHealth().stateAsString()).isEqualTo("healthy"));
        assertThat(get(after.port()).body()).startsWith("move-");
        ecs.deleteService(r -> r.cluster(CLUSTER).service("move").force(true));
    }

    @Test
    void fargateTasksRegisterByTheirAddressInAnIpTargetGroup() throws Exception {
        String definition = ecs.registerTaskDefinition(r -> r.family("svc-fargate-web")
                .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC)
                .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder().name("web")
                        .image(busybox()).stopTimeout(1).command("sh", "-c", "mkdir -p /www && echo fargate-$HOSTNAME"
                                + " > /www/index.html && exec httpd -f -p 8080 -h /www")
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build()))
                .taskDefinition().taskDefinitionArn();
        String lb = elb.createLoadBalancer(r -> r.name("fargate").subnets("subnet-1", "subnet-2"))
                .loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name("fargate").protocol("HTTP").port(8080).vpcId("vpc-1")
                .targetType(TargetTypeEnum.IP).healthCheckPath("/").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("1")));
        int port = freePort();
        elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(port)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));

        ecs.createService(r -> r.cluster(CLUSTER).serviceName("fargate-web").taskDefinition(definition)
                .desiredCount(2).launchType("FARGATE").enableECSManagedTags(true).propagateTags("SERVICE")
                .tags(t -> t.key("team").value("web"))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0f")))
                .loadBalancers(l -> l.targetGroupArn(tg).containerName("web").containerPort(8080)));
        await(ecs, "fargate-web", s -> s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                && s.runningCount() == 2, Duration.ofSeconds(90), "complete behind the load balancer");

        List<Task> tasks = ecs.describeTasks(r -> r.cluster(CLUSTER).include(
                software.amazon.awssdk.services.ecs.model.TaskField.TAGS).tasks(tasksOf(ecs, "fargate-web").stream()
                .map(Task::taskArn).toList())).tasks();
        Set<String> addresses = new HashSet<>();
        for (Task t : tasks) {
            assertThat(t.launchTypeAsString()).isEqualTo("FARGATE");
            assertThat(t.tags()).extracting(tag -> tag.key() + "=" + tag.value())
                    .contains("team=web", "aws:ecs:serviceName=fargate-web", "aws:ecs:clusterName=" + CLUSTER);
            t.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                    .forEach(d -> addresses.add(d.value()));
        }
        assertThat(health(tg)).extracting(h -> h.target().id()).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(health(tg)).allSatisfy(h -> assertThat(h.target().port()).isEqualTo(8080));
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < 40 && answers.size() < 2; i++) {
            HttpResponse<String> r = get(port);
            assertThat(r.statusCode()).isEqualTo(200);
            answers.add(r.body().trim());
        }
        assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a).startsWith("fargate-"));

        ecs.updateService(r -> r.cluster(CLUSTER).service("fargate-web").desiredCount(0));
        await(ecs, "fargate-web", s -> s.runningCount() == 0 && tasksOf(ecs, "fargate-web").isEmpty(),
                Duration.ofSeconds(60), "scale in to 0");
        assertThat(health(tg)).as("targets drained before their tasks stopped").isEmpty();
        ecs.deleteService(r -> r.cluster(CLUSTER).service("fargate-web"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
