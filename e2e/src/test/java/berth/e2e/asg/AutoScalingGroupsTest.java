package berth.e2e.asg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
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
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * EC2 Auto Scaling through the SDK and the aws CLI: a group over a launch template at 0 instances
 * grows to its desired capacity across zones, its instances go Pending → InService and join the ECS
 * cluster their user data names, a scale-in spares the instance protected from it, activities record
 * each launch and termination, and a forced delete terminates what is left.
 */
@BerthTest
class AutoScalingGroupsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Berth berth;
    private final AutoScalingClient asg;
    private final Ec2Client ec2;
    private final EcsClient ecs;
    private final SsmClient ssm;

    AutoScalingGroupsTest(Berth berth, AutoScalingClient asg, Ec2Client ec2, EcsClient ecs, SsmClient ssm) {
        this.berth = berth;
        this.asg = asg;
        this.ec2 = ec2;
        this.ecs = ecs;
        this.ssm = ssm;
    }

    @Test
    void aGroupScalesOutIntoItsClusterAndInSparingProtectedInstances() throws Exception {
        String cluster = "asg-fleet";
        ecs.createCluster(r -> r.clusterName(cluster));
        String ami = ssm.getParameter(r -> r.name("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id"))
                .parameter().value();
        String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + cluster
                + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
        ec2.createLaunchTemplate(r -> r.launchTemplateName("asg-fleet").launchTemplateData(d -> d.imageId(ami)
                .instanceType("t3.micro").userData(userData)));
        List<String> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .subnets().stream().map(s -> s.subnetId()).sorted().toList();

        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("fleet").minSize(0).maxSize(3).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("asg-fleet").version("$Latest"))
                .vpcZoneIdentifier(String.join(",", subnets.subList(0, 2)))
                .tags(t -> t.key("team").value("infra").propagateAtLaunch(true)));
        assertThatThrownBy(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("fleet").minSize(0).maxSize(3)
                .launchTemplate(t -> t.launchTemplateName("asg-fleet")).vpcZoneIdentifier(subnets.get(0))))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("AlreadyExists"));
        assertThatThrownBy(() -> asg.setDesiredCapacity(r -> r.autoScalingGroupName("fleet").desiredCapacity(4)))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                });
        assertThat(group().instances()).isEmpty();

        asg.setDesiredCapacity(r -> r.autoScalingGroupName("fleet").desiredCapacity(2));
        AutoScalingGroup grown = await(g -> g.instances().size() == 2 && g.instances().stream()
                .allMatch(i -> i.lifecycleStateAsString().equals("InService")), "reach 2 InService instances");
        assertThat(grown.instances()).extracting(Instance::availabilityZone).doesNotHaveDuplicates();
        List<String> ids = grown.instances().stream().map(Instance::instanceId).toList();
        var described = ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        assertThat(described).allSatisfy(i -> {
            assertThat(i.instanceTypeAsString()).isEqualTo("t3.micro");
            assertThat(i.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=infra"));
        });
        awaitContainerInstances(cluster, ids);

        String keep = ids.get(0);
        String drop = ids.get(1);
        asg.setInstanceProtection(r -> r.autoScalingGroupName("fleet").instanceIds(keep).protectedFromScaleIn(true));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("fleet").desiredCapacity(0));
        AutoScalingGroup shrunk = await(g -> g.instances().size() == 1, "scale in to the protected instance");
        assertThat(shrunk.instances().get(0).instanceId()).isEqualTo(keep);
        assertThat(shrunk.instances().get(0).protectedFromScaleIn()).isTrue();
        awaitEc2(drop, InstanceStateName.TERMINATED);

        List<Activity> activities = asg.describeScalingActivities(r -> r.autoScalingGroupName("fleet")).activities();
        assertThat(activities).extracting(Activity::description)
                .anyMatch(d -> d.equals("Launching a new EC2 instance: " + keep))
                .anyMatch(d -> d.equals("Terminating EC2 instance: " + drop));

        for (AwsCli cli : AwsCli.installed()) {
            AwsCli.Result r = cli.run(berth.endpoint(), "test", "test", "autoscaling", "describe-auto-scaling-groups",
                    "--auto-scaling-group-names", "fleet");
            assertThat(r.exitCode()).as(cli + ": " + r.stderr()).isZero();
            JsonNode g = JSON.readTree(r.stdout()).path("AutoScalingGroups").get(0);
            assertThat(g.path("DesiredCapacity").asInt()).isZero();
            assertThat(g.path("Instances").get(0).path("ProtectedFromScaleIn").asBoolean()).isTrue();
        }

        assertThatThrownBy(() -> asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("fleet")))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ResourceInUse"));
        asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("fleet").forceDelete(true));
        awaitEc2(keep, InstanceStateName.TERMINATED);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("fleet")).autoScalingGroups().isEmpty()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("the group was not deleted");
            Thread.sleep(100);
        }
    }

    private AutoScalingGroup group() {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("fleet")).autoScalingGroups().get(0);
    }

    private AutoScalingGroup await(Predicate<AutoScalingGroup> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            AutoScalingGroup g = group();
            if (condition.test(g)) return g;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("the group did not " + what + ": " + g);
            Thread.sleep(100);
        }
    }

    private void awaitEc2(String id, InstanceStateName state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var i = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
            if (i.state().name() == state) return;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("instance " + id + " is not " + state + ": " + i.state());
            Thread.sleep(100);
        }
    }

    private void awaitContainerInstances(String cluster, List<String> ids) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
            if (!arns.isEmpty() && ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
                    .containerInstances().stream().filter(ci -> Boolean.TRUE.equals(ci.agentConnected()))
                    .map(ci -> ci.ec2InstanceId()).toList().containsAll(ids)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) throw new AssertionError("instances " + ids + " did not join " + cluster);
            Thread.sleep(100);
        }
    }
}
