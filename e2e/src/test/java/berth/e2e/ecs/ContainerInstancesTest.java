package berth.e2e.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * Container instances as the ECS agent registers them and operators manage them: registration with an
 * identity document, description, listing with the cluster query language, attributes, draining,
 * deregistration, tags, and the cluster counts they feed.
 */
@BerthTest
class ContainerInstancesTest {
    private final EcsClient ecs;

    ContainerInstancesTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    private ContainerInstance register(String cluster, String instanceId, String zone, String type) {
        String document = "{\"instanceId\":\"" + instanceId + "\",\"region\":\"us-east-1\",\"availabilityZone\":\""
                + zone + "\",\"instanceType\":\"" + type + "\",\"architecture\":\"x86_64\",\"privateIp\":\"127.0.0.1\"}";
        return ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument(document)
                .totalResources(
                        Resource.builder().name("CPU").type("INTEGER").integerValue(2048).build(),
                        Resource.builder().name("MEMORY").type("INTEGER").integerValue(3768).build(),
                        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue("22", "2375", "51678").build(),
                        Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue().build())
                .versionInfo(v -> v.agentVersion("1.86.0").agentHash("berth").dockerVersion("DockerVersion: 27.0.0"))
                .attributes(Attribute.builder().name("ecs.capability.task-eni").build(),
                        Attribute.builder().name("com.amazonaws.ecs.capability.logging-driver.awslogs").build())
                .tags(t -> t.key("fleet").value("a"))).containerInstance();
    }

    @Test
    void registerDescribeListAndDrain() {
        ecs.createCluster(r -> r.clusterName("fleet"));
        ContainerInstance one = register("fleet", "i-0000000000000001", "us-east-1a", "m5.large");
        ContainerInstance two = register("fleet", "i-0000000000000002", "us-east-1b", "t3.medium");
        assertThat(one.containerInstanceArn()).matches("arn:aws:ecs:us-east-1:000000000000:container-instance/fleet/[0-9a-f]{32}");
        assertThat(one.status()).isEqualTo("ACTIVE");
        assertThat(one.agentConnected()).isTrue();
        assertThat(one.versionInfo().agentVersion()).isEqualTo("1.86.0");
        Map<String, Resource> registered = one.registeredResources().stream()
                .collect(Collectors.toMap(Resource::name, r -> r));
        assertThat(registered.get("CPU").integerValue()).isEqualTo(2048);
        assertThat(registered.get("MEMORY").integerValue()).isEqualTo(3768);
        assertThat(registered.get("PORTS").stringSetValue()).containsExactly("22", "2375", "51678");
        assertThat(one.remainingResources()).isEqualTo(one.registeredResources());
        Map<String, String> attributes = one.attributes().stream()
                .collect(Collectors.toMap(Attribute::name, a -> a.value() == null ? "" : a.value()));
        assertThat(attributes).containsEntry("ecs.availability-zone", "us-east-1a")
                .containsEntry("ecs.instance-type", "m5.large").containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.cpu-architecture", "x86_64").containsKey("ecs.capability.task-eni");

        var described = ecs.describeContainerInstances(r -> r.cluster("fleet")
                .containerInstances(one.containerInstanceArn(), two.containerInstanceArn().substring(
                        two.containerInstanceArn().lastIndexOf('/') + 1), "0123456789abcdef0123456789abcdef")
                .include(ContainerInstanceField.TAGS));
        assertThat(described.containerInstances()).extracting(ContainerInstance::ec2InstanceId)
                .containsExactly("i-0000000000000001", "i-0000000000000002");
        assertThat(described.containerInstances().get(0).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("fleet=a");
        assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));

        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")).containerInstanceArns()).hasSize(2);
        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")
                .filter("attribute:ecs.instance-type =~ m5.*")).containerInstanceArns())
                .containsExactly(one.containerInstanceArn());
        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")
                .filter("attribute:ecs.availability-zone in [us-east-1b, us-east-1c] and agentConnected == true"))
                .containerInstanceArns()).containsExactly(two.containerInstanceArn());
        assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster("fleet").filter("attribute:x ==")))
                .isInstanceOf(InvalidParameterException.class);

        var drained = ecs.updateContainerInstancesState(r -> r.cluster("fleet")
                .containerInstances(one.containerInstanceArn()).status(ContainerInstanceStatus.DRAINING));
        assertThat(drained.containerInstances()).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("DRAINING"));
        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet").status(ContainerInstanceStatus.DRAINING))
                .containerInstanceArns()).containsExactly(one.containerInstanceArn());
        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet").status(ContainerInstanceStatus.ACTIVE))
                .containerInstanceArns()).containsExactly(two.containerInstanceArn());

        ContainerInstance again = register("fleet", "i-0000000000000002", "us-east-1b", "t3.medium");
        assertThat(again.containerInstanceArn()).as("the same EC2 instance registers as the same container instance")
                .isEqualTo(two.containerInstanceArn());
        assertThatThrownBy(() -> register("nope", "i-3", "us-east-1a", "t3.micro"))
                .isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void attributesTagsStatisticsAndDeregistration() {
        ecs.createCluster(r -> r.clusterName("attrs"));
        ContainerInstance instance = register("attrs", "i-00000000000000a1", "us-east-1a", "c5.xlarge");
        String arn = instance.containerInstanceArn();

        var put = ecs.putAttributes(r -> r.cluster("attrs").attributes(
                Attribute.builder().name("stack").value("prod").targetId(arn).build(),
                Attribute.builder().name("gpu-free").targetType(TargetType.CONTAINER_INSTANCE)
                        .targetId(arn.substring(arn.lastIndexOf('/') + 1)).build()));
        assertThat(put.attributes()).hasSize(2);
        assertThat(ecs.listAttributes(r -> r.cluster("attrs").targetType(TargetType.CONTAINER_INSTANCE)
                .attributeName("stack").attributeValue("prod")).attributes())
                .singleElement().satisfies(a -> {
                    assertThat(a.targetId()).isEqualTo(arn);
                    assertThat(a.targetType()).isEqualTo(TargetType.CONTAINER_INSTANCE);
                });
        assertThat(ecs.listContainerInstances(r -> r.cluster("attrs").filter("attribute:stack == prod"))
                .containerInstanceArns()).containsExactly(arn);
        ecs.deleteAttributes(r -> r.cluster("attrs").attributes(Attribute.builder().name("stack").targetId(arn).build()));
        assertThat(ecs.listAttributes(r -> r.cluster("attrs").targetType(TargetType.CONTAINER_INSTANCE)
                .attributeName("stack")).attributes()).isEmpty();
        assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("attrs").attributes(Attribute.builder().name("x")
                .targetId("0123456789abcdef0123456789abcdef").build())))
                .isInstanceOf(TargetNotFoundException.class);
        for (int i = 0; i < 9; i++) {
            int n = i;
            ecs.putAttributes(r -> r.cluster("attrs").attributes(Attribute.builder().name("custom-" + n).targetId(arn).build()));
        }
        assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("attrs").attributes(Attribute.builder()
                .name("eleventh").targetId(arn).build()))).isInstanceOf(AttributeLimitExceededException.class);

        ecs.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("owner").value("ops")));
        ecs.untagResource(r -> r.resourceArn(arn).tagKeys("fleet"));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(t -> t.key())
                .containsExactly("owner");
        assertThatThrownBy(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("aws:x").value("y"))))
                .isInstanceOf(InvalidParameterException.class);

        var cluster = ecs.describeClusters(r -> r.clusters("attrs").include(ClusterField.STATISTICS, ClusterField.TAGS))
                .clusters().get(0);
        assertThat(cluster.registeredContainerInstancesCount()).isEqualTo(1);
        assertThat(cluster.runningTasksCount()).isZero();
        assertThat(cluster.statistics()).extracting(s -> s.name()).contains("runningEC2TasksCount",
                "pendingFargateTasksCount", "activeEC2ServiceCount");
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("attrs")))
                .isInstanceOf(ClusterContainsContainerInstancesException.class);

        ContainerInstance gone = ecs.deregisterContainerInstance(r -> r.cluster("attrs").containerInstance(arn))
                .containerInstance();
        assertThat(gone.status()).isEqualTo("INACTIVE");
        assertThat(ecs.listContainerInstances(r -> r.cluster("attrs")).containerInstanceArns()).isEmpty();
        assertThat(ecs.describeContainerInstances(r -> r.cluster("attrs").containerInstances(arn))
                .containerInstances()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("INACTIVE"));
        assertThat(ecs.deleteCluster(r -> r.cluster("attrs")).cluster().status()).isEqualTo("INACTIVE");
    }

    @Test
    void clusterUpdatesAndTags() {
        ecs.createCluster(r -> r.clusterName("upd").tags(t -> t.key("a").value("1")));
        var updated = ecs.updateClusterSettings(r -> r.cluster("upd").settings(s -> s.name("containerInsights")
                .value("enabled"))).cluster();
        assertThat(updated.settings()).extracting(s -> s.nameAsString() + "=" + s.value())
                .containsExactly("containerInsights=enabled");
        var configured = ecs.updateCluster(r -> r.cluster("upd").configuration(c -> c.executeCommandConfiguration(
                e -> e.logging("OVERRIDE").logConfiguration(l -> l.cloudWatchLogGroupName("/exec")))))
                .cluster();
        assertThat(configured.configuration().executeCommandConfiguration().logConfiguration().cloudWatchLogGroupName())
                .isEqualTo("/exec");
        String arn = configured.clusterArn();
        ecs.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("b").value("2")));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(t -> t.key())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(arn.replace("/upd", "/missing"))))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateClusterSettings(r -> r.cluster("missing").settings(s -> s
                .name("containerInsights").value("enabled")))).isInstanceOf(ClusterNotFoundException.class);
        assertThat(ecs.describeClusters(r -> r.clusters("upd")).clusters().get(0).tags()).isEmpty();
        List<String> tagsIncluded = ecs.describeClusters(r -> r.clusters("upd").include(ClusterField.TAGS)).clusters()
                .get(0).tags().stream().map(t -> t.key()).toList();
        assertThat(tagsIncluded).containsExactly("a", "b");
    }
}
