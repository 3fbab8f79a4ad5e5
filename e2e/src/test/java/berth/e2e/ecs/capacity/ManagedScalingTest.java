package berth.e2e.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import berth.e2e.ecs.TaskRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A cluster whose only capacity is an Auto Scaling group capacity provider at 0 instances, with
 * managed scaling and managed termination protection: RunTask of more tasks than one instance holds
 * leaves them PROVISIONING, managed scaling raises the group's desired capacity, the instances it
 * launches register and the tasks are placed on them (spread across zones) and run; instances with
 * tasks are protected from scale-in, so when the tasks of one instance stop only that instance goes,
 * and when all stop the group scales in to 0. Short scale-in patience and polls keep it fast.
 */
class ManagedScalingTest {
    private static final String CLUSTER = "scaling";
    @TempDir
    static Path home;
    static BerthProcess berth;
    static EcsClient ecs;
    static Ec2Client ec2;
    static AutoScalingClient asg;

    @BeforeAll
    static void start() throws Exception {
        TaskRuns.busybox();
        berth = BerthProcess.start(home.resolve("berth"), Map.of("BERTH_LOCAL_AGENT", "0",
                "BERTH_ECS_SCALE_IN_AFTER_SECONDS", "1", "BERTH_ECS_CAPACITY_POLL_MILLIS", "100",
                "BERTH_ASG_POLL_MILLIS", "100", "BERTH_AGENT_CLEANUP_WAIT", "5s"));
        ecs = Clients.ecs(berth.endpoint());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ec2 = Ec2Client.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        asg = AutoScalingClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        try (SsmClient ssm = SsmClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            String ami = ssm.getParameter(r -> r.name("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"))
                    .parameter().value();
            String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\n"
                    + "ECS_CLUSTER=" + CLUSTER + "\nEOF\n").getBytes(StandardCharsets.UTF_8));
            ec2.createLaunchTemplate(r -> r.launchTemplateName("scaling").launchTemplateData(d -> d.imageId(ami)
                    .instanceType("t3.small").userData(userData)));
        }
        List<String> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .subnets().stream().map(s -> s.subnetId()).sorted().toList();
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("scaling-asg").minSize(0).maxSize(3).desiredCapacity(0)
                .newInstancesProtectedFromScaleIn(true).launchTemplate(t -> t.launchTemplateName("scaling"))
                .vpcZoneIdentifier(String.join(",", subnets)));
        String groupArn = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("scaling-asg")).autoScalingGroups()
                .get(0).autoScalingGroupARN();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        ecs.createCapacityProvider(r -> r.name("scaling-cp").autoScalingGroupProvider(a -> a.autoScalingGroupArn(groupArn)
                .managedScaling(m -> m.status("ENABLED").targetCapacity(100).minimumScalingStepSize(1)
                        .maximumScalingStepSize(3))
                .managedTerminationProtection("ENABLED")));
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("scaling-cp")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("scaling-cp").weight(1)));
        // two fit a t3.small (2 vCPU, 2 GiB): five need three instances
        ecs.registerTaskDefinition(r -> r.family("half-instance").requiresCompatibilities(
                software.amazon.awssdk.services.ecs.model.Compatibility.EC2).cpu("1024").memory("900")
                .containerDefinitions(c -> c.name("work").image(TaskRuns.busybox()).essential(true).stopTimeout(1)
                        .command("sh", "-c", "exec sleep 600")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) berth.close();
    }

    @Test
    void tasksWaitForCapacityThatManagedScalingLaunchesAndReleases() throws Exception {
        var run = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("half-instance").count(5)
                .placementStrategy(p -> p.type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone")));
        assertThat(run.failures()).isEmpty();
        assertThat(run.tasks()).hasSize(5).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
            assertThat(t.capacityProviderName()).isEqualTo("scaling-cp");
            assertThat(t.containerInstanceArn()).isNull();
        });
        List<String> arns = run.tasks().stream().map(Task::taskArn).toList();

        await(() -> describe(arns).stream().allMatch(t -> "RUNNING".equals(t.lastStatus())), "all five tasks run",
                Duration.ofSeconds(90));
        List<Task> running = describe(arns);
        Map<String, List<Task>> byInstance = running.stream().collect(Collectors.groupingBy(Task::containerInstanceArn));
        assertThat(byInstance).hasSize(3);
        assertThat(running.stream().map(Task::availabilityZone).collect(Collectors.toSet())).hasSize(3);
        AutoScalingGroup group = group();
        assertThat(group.desiredCapacity()).isEqualTo(3);
        assertThat(group.instances()).hasSize(3).allSatisfy(i -> assertThat(i.protectedFromScaleIn()).isTrue());
        List<ContainerInstance> instances = ecs.describeContainerInstances(r -> r.cluster(CLUSTER)
                .containerInstances(byInstance.keySet())).containerInstances();
        assertThat(instances).allSatisfy(ci -> assertThat(ci.capacityProviderName()).isEqualTo("scaling-cp"));

        // the instance with one task is emptied: it alone loses its protection and is scaled in
        String lonely = byInstance.entrySet().stream().filter(e -> e.getValue().size() == 1).findFirst().orElseThrow().getKey();
        String lonelyEc2 = instances.stream().filter(ci -> ci.containerInstanceArn().equals(lonely)).findFirst().orElseThrow()
                .ec2InstanceId();
        ecs.stopTask(r -> r.cluster(CLUSTER).task(byInstance.get(lonely).get(0).taskArn()));
        await(() -> group().instances().stream().noneMatch(i -> i.instanceId().equals(lonelyEc2)), "scale in the empty instance",
                Duration.ofSeconds(60));
        Set<String> kept = new HashSet<>(group().instances().stream().map(i -> i.instanceId()).toList());
        assertThat(kept).hasSize(2).doesNotContain(lonelyEc2);
        assertThat(group().desiredCapacity()).isEqualTo(2);
        assertThat(describe(arns).stream().filter(t -> "RUNNING".equals(t.lastStatus()))).hasSize(4);

        for (Task t : describe(arns)) {
            if (!"STOPPED".equals(t.lastStatus())) ecs.stopTask(r -> r.cluster(CLUSTER).task(t.taskArn()));
        }
        await(() -> group().instances().isEmpty() && group().desiredCapacity() == 0, "scale in to zero",
                Duration.ofSeconds(60));
        await(() -> ecs.describeContainerInstances(r -> r.cluster(CLUSTER).containerInstances(byInstance.keySet()))
                .containerInstances().stream().allMatch(ci -> "INACTIVE".equals(ci.status())), "deregister the instances",
                Duration.ofSeconds(30));
    }

    private static List<Task> describe(List<String> arns) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }

    private static AutoScalingGroup group() {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("scaling-asg")).autoScalingGroups().get(0);
    }

    private static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("did not " + what + " within " + timeout + "\n" + tail(berth.output()));
            }
            Thread.sleep(100);
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }
}
