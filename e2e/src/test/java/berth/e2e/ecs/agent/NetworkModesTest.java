package berth.e2e.ecs.agent;

import berth.e2e.ecs.TaskRuns;
import static berth.e2e.ecs.TaskRuns.awaitStatus;
import static berth.e2e.ecs.TaskRuns.busybox;
import static berth.e2e.ecs.TaskRuns.containersOf;
import static berth.e2e.ecs.TaskRuns.docker;
import static berth.e2e.ecs.TaskRuns.httpGet;
import static berth.e2e.ecs.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Tasks in every network mode and launch type on berth's own local agent and Fargate runner, seen
 * from the outside: the ECS API, {@code docker ps}, and HTTP to what the containers serve.
 */
@BerthTest
class NetworkModesTest {

    private static final String CLUSTER = "default";
    private final EcsClient ecs;
    private final URI endpoint;

    NetworkModesTest(EcsClient ecs, URI endpoint) {
        this.ecs = ecs;
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void image() {
        busybox();
    }

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    private Task stop(Task task) {
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        return awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");
    }

    @Test
    void bridgeTasksPublishStaticAndDynamicHostPorts() {
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        int staticPort = TaskRuns.freePort();
        ecs.registerTaskDefinition(r -> r.family("bridge-web").containerDefinitions(c -> c.name("web").image(busybox())
                .memory(64).stopTimeout(1)
                .command("sh", "-c", "echo bridge > /www/index.html && httpd -p 8081 -h /www && exec httpd -f -p 8080 -h /www")
                .portMappings(PortMapping.builder().containerPort(8080).hostPort(staticPort).build(),
                        PortMapping.builder().containerPort(8081).build())));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("bridge-web"));
        Task running = awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");

        Map<Integer, Integer> ports = running.containers().get(0).networkBindings().stream()
                .filter(b -> b.bindIP().equals("0.0.0.0"))
                .collect(Collectors.toMap(NetworkBinding::containerPort, NetworkBinding::hostPort));
        assertThat(ports.get(8080)).isEqualTo(staticPort);
        assertThat(ports.get(8081)).isPositive().isNotEqualTo(8081);
        assertThat(httpGet("http://127.0.0.1:" + staticPort + "/")).isEqualTo("bridge\n");
        assertThat(httpGet("http://127.0.0.1:" + ports.get(8081) + "/")).isEqualTo("bridge\n");
        List<String> names = containersOf(task.taskArn(), false);
        assertThat(names).singleElement().satisfies(name -> {
            assertThat(TaskRuns.label(name, "berth.instance")).isEqualTo(running.containerInstanceArn());
            assertThat(TaskRuns.label(name, "berth.container-name")).isEqualTo("web");
        });
        assertThat(running.containers().get(0).runtimeId()).startsWith(docker("inspect", "--format", "{{.Id}}",
                names.get(0)).get(0));

        Task stopped = stop(task);
        assertThat(stopped.stopCode().toString()).isEqualTo("UserInitiated");
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137);
        assertThat(containersOf(task.taskArn(), false)).isEmpty();
    }

    @Test
    void hostTasksListenOnTheHostsOwnPorts() {
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        int port = TaskRuns.freePort();
        ecs.registerTaskDefinition(r -> r.family("host-web").networkMode(NetworkMode.HOST)
                .containerDefinitions(c -> c.name("web").image(busybox()).memory(64).stopTimeout(1)
                        .command(TaskRuns.httpd("host", port))
                        .portMappings(PortMapping.builder().containerPort(port).build())));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("host-web"));
        Task running = awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");

        assertThat(httpGet("http://127.0.0.1:" + port + "/")).isEqualTo("host\n");
        assertThat(running.containers().get(0).networkBindings()).extracting(NetworkBinding::hostPort).contains(port);
        assertThat(docker("inspect", "--format", "{{.HostConfig.NetworkMode}}", containersOf(task.taskArn(), false)
                .get(0))).containsExactly("host");
        stop(task);
    }

    @Test
    void noneTasksHaveOnlyALoopbackAndTheirExitIsReported() {
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        ecs.registerTaskDefinition(r -> r.family("isolated").networkMode(NetworkMode.NONE)
                .containerDefinitions(c -> c.name("job").image(busybox()).memory(64)
                        .command("sh", "-c", "cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' '; exit 3")));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("isolated"));
        Task stopped = awaitStatus(ecs, CLUSTER, task.taskArn(), "STOPPED");

        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
        String container = containersOf(task.taskArn(), true).get(0);
        assertThat(docker("logs", container)).containsExactly("lo");
    }

    @Test
    void awsvpcTasksGetTheirOwnAddressOnTheAwsvpcNetwork() {
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        ecs.registerTaskDefinition(r -> r.family("vpc-web").networkMode(NetworkMode.AWSVPC)
                .containerDefinitions(c -> c.name("web").image(busybox()).memory(64).stopTimeout(1)
                        .command(TaskRuns.httpd("awsvpc", 8080))
                        .portMappings(PortMapping.builder().containerPort(8080).build())));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("vpc-web").launchType(LaunchType.EC2)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0a1b2c3d"))));
        Task running = awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");

        String address = address(running);
        assertThat(httpGet("http://" + address + ":8080/")).isEqualTo("awsvpc\n");
        assertThat(containersOf(task.taskArn(), false)).hasSize(2)
                .anySatisfy(name -> assertThat(name).endsWith(".pause"));
        assertThat(docker("network", "ls", "--filter", "name=^berth-awsvpc$", "--format", "{{.Name}}"))
                .containsExactly("berth-awsvpc");
        stop(task);
        assertThat(containersOf(task.taskArn(), false)).isEmpty();
    }

    @Test
    void fargateTasksRunInAwsvpcModeWithinTheirTaskSize() {
        ecs.registerTaskDefinition(r -> r.family("fargate-web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("512").memory("1024")
                .containerDefinitions(c -> c.name("web").image(busybox()).stopTimeout(1)
                        .command(TaskRuns.httpd("fargate", 8080))
                        .portMappings(PortMapping.builder().containerPort(8080).build())));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("fargate-web").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0a1b2c3d"))));
        Task running = awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");

        assertThat(running.containerInstanceArn()).isNull();
        assertThat(httpGet("http://" + address(running) + ":8080/")).isEqualTo("fargate\n");
        String web = containersOf(task.taskArn(), false).stream().filter(n -> n.endsWith("-web")).findFirst().orElseThrow();
        assertThat(docker("inspect", "--format", "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}", web))
                .containsExactly("500000000 " + 1024L * 1024 * 1024);
        assertThat(TaskRuns.label(web, "berth.instance")).isEqualTo("fargate");
        stop(task);
    }

    @Test
    void aFargateTaskInADefaultVpcSubnetAnswersAtAnAddressOfThatSubnet(software.amazon.awssdk.services.ec2.Ec2Client ec2) {
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
        var subnet = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"),
                f -> f.name("availability-zone").values("us-east-1c"))).subnets().get(0);
        ecs.registerTaskDefinition(r -> r.family("subnet-web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(busybox()).stopTimeout(1)
                        .command(TaskRuns.httpd("in-subnet", 8080))
                        .portMappings(PortMapping.builder().containerPort(8080).build())));

        Task task = run(ecs, r -> r.cluster(CLUSTER).taskDefinition("subnet-web").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet.subnetId()))));
        Task running = awaitStatus(ecs, CLUSTER, task.taskArn(), "RUNNING");

        String address = address(running);
        // 172.31.32.0/20: past the network address, the VPC router and AWS's two reserved addresses
        long block = ipv4(subnet.cidrBlock().substring(0, subnet.cidrBlock().indexOf('/')));
        assertThat(subnet.cidrBlock()).endsWith("/20");
        assertThat(ipv4(address)).as(address + " in " + subnet.cidrBlock()).isBetween(block + 4, block + 4094);
        assertThat(running.attachments().get(0).details()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("subnetId");
            assertThat(d.value()).isEqualTo(subnet.subnetId());
        });
        assertThat(httpGet("http://" + address + ":8080/")).isEqualTo("in-subnet\n");
        String eni = running.attachments().get(0).details().stream().filter(d -> d.name().equals("networkInterfaceId"))
                .map(d -> d.value()).findFirst().orElseThrow();
        var described = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0);
        assertThat(described.privateIpAddress()).isEqualTo(address);
        assertThat(described.subnetId()).isEqualTo(subnet.subnetId());
        assertThat(described.vpcId()).isEqualTo(subnet.vpcId());
        assertThat(described.requesterManaged()).isTrue();
        assertThat(docker("network", "inspect", "--format", "{{(index .IPAM.Config 0).Subnet}} {{(index .IPAM.Config 0).Gateway}}",
                subnet.subnetId())).containsExactly(subnet.cidrBlock() + " " + SubnetNetworkAddress.gateway(subnet.cidrBlock()));
        stop(task);
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    /** The VPC router's address of a block: the first after its network address. */
    private static final class SubnetNetworkAddress {
        static String gateway(String cidr) {
            String network = cidr.substring(0, cidr.indexOf('/'));
            return network.substring(0, network.lastIndexOf('.') + 1) + (Integer.parseInt(network.substring(network.lastIndexOf('.') + 1)) + 1);
        }
    }

    private static String address(Task task) {
        return task.attachments().get(0).details().stream()
                .filter(d -> d.name().equals("privateIPv4Address"))
                .map(d -> d.value()).findFirst().orElseThrow();
    }
}
