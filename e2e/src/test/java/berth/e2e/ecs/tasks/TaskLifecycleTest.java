package berth.e2e.ecs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.agentwire.AssignedTask;
import berth.agentwire.TaskObservation;
import berth.junit5.BerthTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task's life with an agent that speaks the real contract: assignment delivered by a long-poll that
 * wakes at once, PENDING and RUNNING reported by the agent, StopTask delivered as desired STOPPED,
 * STOPPED reported and the instance's resources released; awsvpc interfaces and health observed.
 */
@BerthTest
class TaskLifecycleTest {
    private final EcsClient ecs;
    private final URI endpoint;
    private final List<FakeAgent> agents = new ArrayList<>();

    TaskLifecycleTest(EcsClient ecs, URI endpoint) {
        this.ecs = ecs;
        this.endpoint = endpoint;
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx")
                .memory(256).cpu(128)));
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(FakeAgent::close);
    }

    private FakeAgent agent(String cluster, String ec2Id, Attribute... attributes) {
        FakeAgent agent = new FakeAgent(endpoint, ecs, cluster).register(ec2Id, "us-east-1a", 2048, 2048, attributes);
        agents.add(agent);
        return agent;
    }

    private Task describe(String cluster, String arn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0);
    }

    private Task until(String cluster, String arn, String lastStatus) {
        return Waits.until(() -> describe(cluster, arn), t -> t.lastStatus().equals(lastStatus), Duration.ofSeconds(10));
    }

    private int remainingMemory(String cluster, String instanceArn) {
        ContainerInstance i = ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(instanceArn))
                .containerInstances().get(0);
        return i.remainingResources().stream().filter(x -> x.name().equals("MEMORY")).map(Resource::integerValue)
                .findFirst().orElseThrow();
    }

    @Test
    void assignmentArrivesAtOnceAndStoppingReleasesTheInstance() {
        ecs.createCluster(r -> r.clusterName("life"));
        FakeAgent agent = agent("life", "i-life").waitSeconds(20).start();
        assertThat(ecs.discoverPollEndpoint(r -> r.cluster("life").containerInstance(agent.arn())).endpoint())
                .isEqualTo(endpoint.toString());
        Waits.until(() -> agent.received().size(), n -> n >= 1, Duration.ofSeconds(5));

        Task run = ecs.runTask(r -> r.cluster("life").taskDefinition("web").startedBy("tester")).tasks().get(0);
        long returned = System.nanoTime();
        agent.await(t -> t.taskArn().equals(run.taskArn()), Duration.ofSeconds(10));
        long waited = agent.arrival(t -> t.taskArn().equals(run.taskArn())) - returned;
        System.out.printf("assignment reached the waiting agent %.1f ms after RunTask returned%n", waited / 1e6);
        assertThat(Duration.ofNanos(waited)).as("the waiting long-poll (20 s) answered as soon as the task existed")
                .isLessThan(Duration.ofSeconds(3));
        AssignedTask assigned = agent.await(t -> t.taskArn().equals(run.taskArn()), Duration.ofSeconds(1));
        assertThat(assigned.containerInstanceArn()).isEqualTo(agent.arn());
        assertThat(assigned.containers().get(0).memoryMiB()).isEqualTo(256);
        assertThat(assigned.family()).isEqualTo("web");
        assertThat(assigned.environment()).containsEntry("AWS_REGION", "us-east-1");

        Task running = until("life", run.taskArn(), "RUNNING");
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.startedBy()).isEqualTo("tester");
        assertThat(running.connectivity().toString()).isEqualTo("CONNECTED");
        assertThat(running.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("RUNNING");
            assertThat(c.runtimeId()).isEqualTo("fake-web");
        });
        assertThat(running.version()).isGreaterThan(run.version());
        assertThat(remainingMemory("life", agent.arn())).isEqualTo(2048 - 256);

        Task stopping = ecs.stopTask(r -> r.cluster("life").task(run.taskArn())).task();
        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopping.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopping.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopping.stoppingAt()).isNotNull();

        Task stopped = until("life", run.taskArn(), "STOPPED");
        assertThat(stopped.stoppedAt()).isNotNull();
        assertThat(stopped.containers().get(0).exitCode()).isZero();
        assertThat(remainingMemory("life", agent.arn())).isEqualTo(2048);
        ContainerInstance instance = ecs.describeContainerInstances(r -> r.cluster("life")
                .containerInstances(agent.arn())).containerInstances().get(0);
        assertThat(instance.runningTasksCount()).isZero();
        assertThat(instance.pendingTasksCount()).isZero();
        assertThat(ecs.stopTask(r -> r.cluster("life").task(run.taskArn())).task().lastStatus())
                .as("stopping a stopped task returns it").isEqualTo("STOPPED");
        assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster("life").task("0123456789abcdef0123456789abcdef")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void describeAndListFilterLikeEcs() {
        ecs.createCluster(r -> r.clusterName("lists"));
        FakeAgent one = agent("lists", "i-list1").start();
        FakeAgent two = agent("lists", "i-list2").start();
        ecs.registerTaskDefinition(r -> r.family("other").tags(t -> t.key("team").value("blue"))
                .containerDefinitions(c -> c.name("x").image("busybox").memory(64)));
        List<Task> web = ecs.runTask(r -> r.cluster("lists").taskDefinition("web").count(3).startedBy("batch-1")
                .tags(t -> t.key("run").value("1"))).tasks();
        Task other = ecs.runTask(r -> r.cluster("lists").taskDefinition("other").startedBy("batch-2")
                .propagateTags("TASK_DEFINITION")).tasks().get(0);

        assertThat(ecs.listTasks(r -> r.cluster("lists")).taskArns()).hasSize(4);
        assertThat(ecs.listTasks(r -> r.cluster("lists").family("other")).taskArns()).containsExactly(other.taskArn());
        assertThat(ecs.listTasks(r -> r.cluster("lists").startedBy("batch-1")).taskArns()).hasSize(3);
        assertThat(ecs.listTasks(r -> r.cluster("lists").launchType("FARGATE")).taskArns()).isEmpty();
        String onOne = one.arn();
        long expectedOnOne = (web.stream().filter(t -> t.containerInstanceArn().equals(onOne)).count())
                + (other.containerInstanceArn().equals(onOne) ? 1 : 0);
        assertThat(ecs.listTasks(r -> r.cluster("lists").containerInstance(onOne)).taskArns())
                .hasSize((int) expectedOnOne);
        var firstPage = ecs.listTasks(r -> r.cluster("lists").maxResults(3));
        assertThat(firstPage.taskArns()).hasSize(3);
        var secondPage = ecs.listTasks(r -> r.cluster("lists").maxResults(3).nextToken(firstPage.nextToken()));
        assertThat(secondPage.taskArns()).hasSize(1).doesNotContainAnyElementsOf(firstPage.taskArns());
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("lists").serviceName("nope")))
                .hasMessageContaining("Service not found.");

        var described = ecs.describeTasks(r -> r.cluster("lists").include(software.amazon.awssdk.services.ecs.model
                .TaskField.TAGS).tasks(other.taskArn(), web.get(0).taskArn().substring(web.get(0).taskArn()
                .lastIndexOf('/') + 1), "arn:aws:ecs:us-east-1:000000000000:task/lists/0123456789abcdef0123456789abcdef"));
        assertThat(described.tasks()).hasSize(2);
        assertThat(described.tasks().get(0).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=blue");
        assertThat(described.tasks().get(1).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("run=1");
        assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThat(described.tasks().get(0).overrides().containerOverrides()).extracting(o -> o.name())
                .containsExactly("x");

        ecs.tagResource(r -> r.resourceArn(other.taskArn()).tags(t -> t.key("extra").value("yes")));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(other.taskArn())).tags()).extracting(t -> t.key())
                .containsExactly("team", "extra");

        Waits.until(() -> ecs.describeClusters(r -> r.clusters("lists")).clusters().get(0).runningTasksCount(),
                n -> n == 4, Duration.ofSeconds(10));
        ecs.stopTask(r -> r.cluster("lists").task(other.taskArn()).reason("enough"));
        Waits.until(() -> ecs.listTasks(r -> r.cluster("lists").desiredStatus("STOPPED")).taskArns(),
                arns -> arns.equals(List.of(other.taskArn())), Duration.ofSeconds(5));
        assertThat(ecs.listTasks(r -> r.cluster("lists")).taskArns()).hasSize(3);
        assertThat(until("lists", other.taskArn(), "STOPPED").stoppedReason()).isEqualTo("enough");
        assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster("lists").task(other.taskArn()).reason("r".repeat(256))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(two.received()).isNotEmpty();
    }

    @Test
    void aClientTokenRunsItsRequestOnce() {
        ecs.createCluster(r -> r.clusterName("tokens"));
        agent("tokens", "i-token").start();
        List<String> first = ecs.runTask(r -> r.cluster("tokens").taskDefinition("web").count(2).clientToken("tok-1"))
                .tasks().stream().map(Task::taskArn).toList();
        List<String> again = ecs.runTask(r -> r.cluster("tokens").taskDefinition("web").count(2).clientToken("tok-1"))
                .tasks().stream().map(Task::taskArn).toList();
        assertThat(again).isEqualTo(first);
        assertThat(ecs.listTasks(r -> r.cluster("tokens")).taskArns()).hasSize(2);
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("tokens").taskDefinition("web").count(1).clientToken("tok-1")))
                .isInstanceOf(software.amazon.awssdk.services.ecs.model.ConflictException.class);
        assertThat(ecs.runTask(r -> r.cluster("tokens").taskDefinition("web").count(2).clientToken("tok-2")).tasks())
                .extracting(Task::taskArn).doesNotContainAnyElementsOf(first);
        assertThat(ecs.listTasks(r -> r.cluster("tokens")).taskArns()).hasSize(4);
    }

    @Test
    void anAwsvpcTaskGetsAnInterfaceWhoseAddressTheAgentReports() throws Exception {
        ecs.createCluster(r -> r.clusterName("vpc"));
        FakeAgent agent = agent("vpc", "i-vpc", Attribute.builder().name("ecs.capability.task-eni").build())
                .autoRun(false).start();
        ecs.registerTaskDefinition(r -> r.family("vpc-web").networkMode(NetworkMode.AWSVPC).containerDefinitions(c -> c
                .name("web").image("nginx").memory(128).portMappings(p -> p.containerPort(80))
                .healthCheck(h -> h.command("CMD-SHELL", "true"))));
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("vpc").taskDefinition("vpc-web")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("vpc").taskDefinition("vpc-web")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(List.of()).securityGroups("sg-1")))))
                .hasMessageContaining("subnets can not be empty.");
        Task run = ecs.runTask(r -> r.cluster("vpc").taskDefinition("vpc-web")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0a1b2c3d")))).tasks().get(0);
        assertThat(run.attachments()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("ElasticNetworkInterface");
            assertThat(a.status()).isEqualTo("PRECREATED");
            assertThat(a.id()).matches("[0-9a-f-]{36}");
            Map<String, String> details = details(a.details());
            assertThat(details).containsEntry("subnetId", "subnet-0a1b2c3d");
            assertThat(details.get("networkInterfaceId")).matches("eni-[0-9a-f]{17}");
        });

        AssignedTask assigned = agent.await(t -> t.taskArn().equals(run.taskArn()), Duration.ofSeconds(5));
        agent.report(assigned, "PENDING", -1);
        agent.report(assigned, "RUNNING", -1);
        assertThat(describe("vpc", run.taskArn()).lastStatus()).isEqualTo("ACTIVATING");

        int status = agent.observe(new TaskObservation("vpc", run.taskArn(),
                List.of(new TaskObservation.ContainerHealth("web", "fake-web", "HEALTHY")), "172.31.5.9",
                "0a:58:ac:1f:05:09"));
        assertThat(status).isEqualTo(204);
        Task running = until("vpc", run.taskArn(), "RUNNING");
        assertThat(running.healthStatusAsString()).isEqualTo("HEALTHY");
        assertThat(running.containers().get(0).healthStatusAsString()).isEqualTo("HEALTHY");
        assertThat(running.containers().get(0).networkInterfaces()).singleElement().satisfies(n -> {
            assertThat(n.privateIpv4Address()).isEqualTo("172.31.5.9");
            assertThat(n.attachmentId()).isEqualTo(run.attachments().get(0).id());
        });
        assertThat(running.attachments().get(0).status()).isEqualTo("ATTACHED");
        assertThat(details(running.attachments().get(0).details())).containsEntry("privateIPv4Address", "172.31.5.9")
                .containsEntry("macAddress", "0a:58:ac:1f:05:09")
                .containsEntry("privateDnsName", "ip-172-31-5-9.ec2.internal");

        ecs.stopTask(r -> r.cluster("vpc").task(run.taskArn()));
        AssignedTask stop = agent.await(t -> t.taskArn().equals(run.taskArn()) && t.desiredStatus().equals("STOPPED"),
                Duration.ofSeconds(5));
        assertThat(describe("vpc", run.taskArn()).lastStatus()).isIn("DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");
        agent.report(stop, "STOPPED", 0);
        Task stopped = until("vpc", run.taskArn(), "STOPPED");
        assertThat(stopped.attachments().get(0).status()).isEqualTo("DELETED");
        assertThat(agent.observe(new TaskObservation("vpc", "arn:aws:ecs:us-east-1:000000000000:task/vpc/nope",
                List.of(), "", ""))).isEqualTo(404);
    }

    @Test
    void aResetEmptiesWaitingAgentsAssignmentsAtOnce(berth.junit5.Berth berth) {
        ecs.createCluster(r -> r.clusterName("wiped"));
        FakeAgent agent = agent("wiped", "i-wiped").waitSeconds(20).start();
        String arn = ecs.runTask(r -> r.cluster("wiped").taskDefinition("web")).tasks().get(0).taskArn();
        agent.await(t -> t.taskArn().equals(arn) && t.lastStatus().equals("RUNNING"), Duration.ofSeconds(10));
        int before = agent.received().size();
        long reset = System.nanoTime();
        berth.reset("ecs");
        Waits.until(() -> agent.received().subList(before, agent.received().size()).stream()
                .anyMatch(r -> r.batch().tasks().isEmpty()), empty -> empty, Duration.ofSeconds(12));
        assertThat(Duration.ofNanos(System.nanoTime() - reset)).as("not the 20 s poll timeout")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anAgentSpeakingAnotherMajorVersionOfTheProtocolIsRefused() throws Exception {
        ecs.createCluster(r -> r.clusterName("versions"));
        FakeAgent agent = agent("versions", "i-versions");

        for (String refused : List.of("2.0", "", "latest")) {
            java.net.http.HttpResponse<byte[]> response = agent.speaking(refused).pollResponse(0, 0);
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as("version '%s'", refused).isEqualTo(400);
            assertThat(body).as("version '%s'", refused).contains("\"__type\":\"UnsupportedAgentProtocol\"");
        }
        assertThat(new String(agent.speaking("2.0").pollResponse(0, 0).body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Agent protocol 2.0 is not spoken here").contains("speaks " + berth.agentwire.ProtocolVersion.CURRENT);
        assertThat(agent.speaking("2.0").observe(new TaskObservation("versions",
                "arn:aws:ecs:us-east-1:000000000000:task/versions/0123", List.of(), "", ""))).isEqualTo(400);
        assertThat(agent.speaking("1.9").pollResponse(0, 0).statusCode()).as("a newer minor version").isEqualTo(200);
    }

    private static Map<String, String> details(List<KeyValuePair> pairs) {
        return pairs.stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
    }
}
