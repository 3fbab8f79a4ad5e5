package berth.e2e.ecs.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * What ECS answers, member by member: empty tags are left out, every task definition names its network
 * mode, a missing cluster is ClusterNotFoundException wherever a cluster is named, and a service
 * deleted with nothing to drain is INACTIVE at once.
 */
@BerthTest(accountId = "333333333333")
class EcsAnswersTest {
    private final EcsClient ecs;

    EcsAnswersTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Test
    void emptyTagsAreLeftOut() {
        var cluster = ecs.createCluster(r -> r.clusterName("untagged")).cluster();
        assertThat(cluster.hasTags()).isFalse();
        assertThat(ecs.describeClusters(r -> r.clusters("untagged").include(ClusterField.TAGS)).clusters().get(0)
                .hasTags()).isFalse();
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(cluster.clusterArn())).hasTags()).isFalse();
        ecs.tagResource(r -> r.resourceArn(cluster.clusterArn()).tags(t -> t.key("k").value("v")));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(cluster.clusterArn())).tags()).hasSize(1);
    }

    @Test
    void aTaskDefinitionWithoutANetworkModeIsBridge() {
        var registered = ecs.registerTaskDefinition(r -> r.family("plain").containerDefinitions(c -> c.name("app")
                .image("busybox").memory(16))).taskDefinition();
        assertThat(registered.networkModeAsString()).isEqualTo("bridge");
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("plain")).taskDefinition().networkModeAsString())
                .isEqualTo("bridge");
    }

    @Test
    void aMissingClusterIsClusterNotFoundEverywhere() {
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster("absent").service("s")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.describeTasks(r -> r.cluster("absent").tasks("0123")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("absent").services("s")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("absent"))).isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.putClusterCapacityProviders(r -> r.cluster("absent")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(java.util.List.of())))
                .isInstanceOf(ClusterNotFoundException.class);
        ecs.createCluster(r -> r.clusterName("present"));
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster("present").service("s")))
                .isInstanceOf(ServiceNotFoundException.class);
    }

    @Test
    void aForceDeletedServiceWithoutTasksIsInactiveAtOnce() {
        ecs.createCluster(r -> r.clusterName("deleting"));
        ecs.registerTaskDefinition(r -> r.family("idle").containerDefinitions(c -> c.name("app").image("busybox")
                .memory(16)));
        ecs.createService(r -> r.cluster("deleting").serviceName("idle").taskDefinition("idle").desiredCount(0));

        var deleted = ecs.deleteService(r -> r.cluster("deleting").service("idle").force(true)).service();

        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(deleted.desiredCount()).isZero();
        assertThat(ecs.describeServices(r -> r.cluster("deleting").services("idle")).services().get(0).status())
                .isEqualTo("INACTIVE");
        assertThat(ecs.listServices(r -> r.cluster("deleting")).serviceArns()).isEmpty();
        ecs.createService(r -> r.cluster("deleting").serviceName("idle").taskDefinition("idle").desiredCount(0));
    }

    @Test
    void anEc2ServiceThatNamesNoStrategyDescribesNone() {
        ecs.createCluster(r -> r.clusterName("strategies"));
        ecs.registerTaskDefinition(r -> r.family("plain").containerDefinitions(c -> c.name("app").image("busybox")
                .memory(16)));
        ecs.createService(r -> r.cluster("strategies").serviceName("plain").taskDefinition("plain").desiredCount(0)
                .launchType("EC2"));
        ecs.createService(r -> r.cluster("strategies").serviceName("packed").taskDefinition("plain").desiredCount(0)
                .launchType("EC2").placementStrategy(p -> p.type("binpack").field("memory")));

        var services = ecs.describeServices(r -> r.cluster("strategies").services("plain", "packed")).services();
        assertThat(services.get(0).placementStrategy()).as("what Terraform re-reads: nothing it did not set").isEmpty();
        assertThat(services.get(1).placementStrategy()).singleElement()
                .satisfies(p -> assertThat(p.typeAsString() + ":" + p.field()).isEqualTo("binpack:memory"));
    }
}
