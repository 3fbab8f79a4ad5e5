package berth.e2e.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.Berth;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * EC2 through the SDK and the aws CLI: the default VPC, subnets and security group that scripts look
 * up; an instance launched from the ECS-optimized AMI's public parameter with ECS_CLUSTER in its user
 * data is a berth agent that registers into that cluster with its type's CPU and memory, runs a task
 * with an address in its subnet, and on termination is deregistered, so its task stops.
 */
@BerthTest
class Ec2InstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id";
    private final Berth berth;
    private final Ec2Client ec2;
    private final EcsClient ecs;
    private final SsmClient ssm;

    Ec2InstancesTest(Berth berth, Ec2Client ec2, EcsClient ecs, SsmClient ssm) {
        this.berth = berth;
        this.ec2 = ec2;
        this.ecs = ecs;
        this.ssm = ssm;
    }

    @Test
    void theDefaultNetworkIsThereForScriptsToFind() throws Exception {
        var vpcs = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs();
        assertThat(vpcs).hasSize(1);
        String vpcId = vpcs.get(0).vpcId();
        assertThat(vpcs.get(0).cidrBlock()).isEqualTo("172.31.0.0/16");
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpcId))).subnets();
        assertThat(subnets).extracting(Subnet::availabilityZone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(subnets).allMatch(Subnet::defaultForAz);
        assertThat(ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpcId),
                f -> f.name("group-name").values("default"))).securityGroups()).hasSize(1);
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).hasSize(3);

        String sg = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpcId)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(i -> i.cidrIp("0.0.0.0/0"))));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(p -> p.ipProtocol("tcp")
                .fromPort(80).toPort(80).ipRanges(i -> i.cidrIp("0.0.0.0/0")))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidPermission.Duplicate"));
        assertThatThrownBy(() -> ec2.describeSubnets(r -> r.subnetIds("subnet-0000000000000000f")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidSubnetID.NotFound"));
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-0000000000000000f")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
                });

        for (AwsCli cli : AwsCli.installed()) {
            AwsCli.Result types = cli.run(berth.endpoint(), "test", "test", "ec2", "describe-instance-types",
                    "--instance-types", "m5.large", "c5.xlarge");
            assertThat(types.exitCode()).as(cli + ": " + types.stderr()).isZero();
            JsonNode info = JSON.readTree(types.stdout()).path("InstanceTypes");
            assertThat(info).hasSize(2);
            for (JsonNode t : info) {
                long memory = t.path("MemoryInfo").path("SizeInMiB").asLong();
                int cpus = t.path("VCpuInfo").path("DefaultVCpus").asInt();
                assertThat(List.of(cpus, memory)).as(t.path("InstanceType").asText())
                        .isEqualTo(t.path("InstanceType").asText().equals("m5.large") ? List.of(2, 8192L) : List.of(4, 8192L));
            }
            AwsCli.Result groups = cli.run(berth.endpoint(), "test", "test", "ec2", "describe-security-groups",
                    "--filters", "Name=group-name,Values=web", "--query", "SecurityGroups[0].IpPermissions[0].FromPort");
            assertThat(groups.exitCode()).as(cli + ": " + groups.stderr()).isZero();
            assertThat(groups.stdout().strip()).isEqualTo("80");
        }
    }

    @Test
    void anInstanceIsAnAgentOfItsClusterUntilItTerminates() {
        String cluster = "ec2-fleet";
        ecs.createCluster(r -> r.clusterName(cluster));
        String ami = ssm.getParameter(r -> r.name(AMI_PARAMETER)).parameter().value();
        String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + cluster
                + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
        String template = ec2.createLaunchTemplate(r -> r.launchTemplateName("fleet").launchTemplateData(d -> d.imageId(ami)
                .instanceType("t3.small").userData(userData))).launchTemplate().launchTemplateId();
        Subnet subnet = ec2.describeSubnets(r -> r.filters(f -> f.name("availability-zone").values("us-east-1b"))).subnets().get(0);

        Instance launched = ec2.runInstances(r -> r.minCount(1).maxCount(1).subnetId(subnet.subnetId())
                .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"))
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(g -> g.key("Name").value("worker"))))
                .instances().get(0);
        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.placement().availabilityZone()).isEqualTo("us-east-1b");
        assertThat(launched.privateIpAddress()).startsWith("172.31.16.");
        String id = launched.instanceId();

        awaitInstance(id, i -> i.state().name() == InstanceStateName.RUNNING, "run");
        ContainerInstance joined = awaitContainerInstance(cluster, id);
        assertThat(joined.registeredResources()).filteredOn(r -> r.name().equals("CPU")).singleElement()
                .satisfies(r -> assertThat(r.integerValue()).isEqualTo(2048));
        assertThat(joined.registeredResources()).filteredOn(r -> r.name().equals("MEMORY")).singleElement()
                .satisfies(r -> assertThat(r.integerValue()).isEqualTo(2048));
        assertThat(joined.attributes()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("ecs.availability-zone");
            assertThat(a.value()).isEqualTo("us-east-1b");
        });
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("tag:Name").values("worker"))).reservations())
                .hasSize(1);

        ecs.registerTaskDefinition(r -> r.family("ec2-sleeper").containerDefinitions(c -> c.name("sleep")
                .image(TaskRuns.busybox()).memory(128).stopTimeout(1).command("sh", "-c", "exec sleep 600")));
        Task task = TaskRuns.run(ecs, r -> r.cluster(cluster).taskDefinition("ec2-sleeper"));
        assertThat(task.containerInstanceArn()).isEqualTo(joined.containerInstanceArn());
        TaskRuns.await(ecs, cluster, task.taskArn(), t -> "RUNNING".equals(t.lastStatus()), Duration.ofSeconds(60), "run");

        var terminating = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(terminating.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        TaskRuns.await(ecs, cluster, task.taskArn(), t -> "STOPPED".equals(t.lastStatus()), Duration.ofSeconds(60), "stop");
        Instance gone = awaitInstance(id, i -> i.state().name() == InstanceStateName.TERMINATED, "terminate");
        assertThat(gone.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(joined.containerInstanceArn()))
                .containerInstances().get(0).status()).isEqualTo("INACTIVE");
        assertThat(TaskRuns.containersOf(task.taskArn(), true)).isEmpty();
    }

    @Test
    void launchesAreCheckedAsEc2ChecksThem() {
        String ami = ssm.getParameter(r -> r.name(AMI_PARAMETER)).parameter().value();
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(ami).instanceType("t3.nope").minCount(1).maxCount(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("t3.small")
                .minCount(1).maxCount(1))).isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(ami).instanceType("t3.small").minCount(1).maxCount(1)
                .keyName("nobody"))).isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("InvalidKeyPair.NotFound"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(ami).instanceType("t3.small").minCount(1).maxCount(1)
                .blockDeviceMappings(b -> b.deviceName("/dev/xvdb").ebs(e -> e.volumeSize(10)))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.getMessage()).contains("BlockDeviceMappings"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(ami).instanceType("m6g.large").minCount(1).maxCount(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.getMessage()).contains("architecture"));
    }

    private Instance awaitInstance(String id, Predicate<Instance> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Instance i = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
            if (condition.test(i)) return i;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("instance " + id + " did not " + what + ": " + i);
            sleep();
        }
    }

    private ContainerInstance awaitContainerInstance(String cluster, String instanceId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
            if (!arns.isEmpty()) {
                var found = ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns)).containerInstances()
                        .stream().filter(ci -> instanceId.equals(ci.ec2InstanceId()) && Boolean.TRUE.equals(ci.agentConnected()))
                        .findFirst();
                if (found.isPresent()) return found.get();
            }
            if (Instant.now().isAfter(deadline)) throw new AssertionError("instance " + instanceId + " did not join " + cluster);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
