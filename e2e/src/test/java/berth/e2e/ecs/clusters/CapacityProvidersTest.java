package berth.e2e.ecs.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceInUseException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Capacity providers: FARGATE and FARGATE_SPOT in every account, created ones over an Auto Scaling
 * group, their association with clusters and the default strategy RunTask and CreateService fall back
 * to.
 */
@BerthTest
class CapacityProvidersTest {
    private static final String ASG = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
            + "0a1b2c3d-aaaa-bbbb-cccc-0123456789ab:autoScalingGroupName/web-asg";

    private final EcsClient ecs;

    CapacityProvidersTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Test
    void aClusterKeepsItsProvidersAndDefaultStrategy() {
        Cluster created = ecs.createCluster(r -> r.clusterName("cp-kept").capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1).base(1),
                        s -> s.capacityProvider("FARGATE").weight(3))).cluster();

        assertThat(created.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(created.defaultCapacityProviderStrategy()).extracting(i -> i.capacityProvider() + ":" + i.weight()
                + ":" + i.base()).containsExactly("FARGATE_SPOT:1:1", "FARGATE:3:0");
        Cluster described = ecs.describeClusters(r -> r.clusters("cp-kept")).clusters().get(0);
        assertThat(described.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(described.defaultCapacityProviderStrategy()).hasSize(2);

        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("cp-unknown").capacityProviders("nope")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("cp-stray").capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not associated with the cluster");
    }

    /** The aws CLI as a user types it: create-cluster --capacity-providers FARGATE FARGATE_SPOT. */
    @Test
    void theCliSeesTheProvidersItAskedFor(URI endpoint) throws Exception {
        for (AwsCli cli : AwsCli.installed()) {
            String name = "cp-cli-" + Math.abs(cli.version().hashCode() % 1000);
            AwsCli.Result r = cli.run(endpoint, "test", "test", "ecs", "create-cluster", "--cluster-name", name,
                    "--capacity-providers", "FARGATE", "FARGATE_SPOT");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("\"capacityProviders\": [").contains("\"FARGATE_SPOT\"");
            assertThat(ecs.describeClusters(q -> q.clusters(name)).clusters().get(0).capacityProviders())
                    .containsExactly("FARGATE", "FARGATE_SPOT");
        }
    }

    @Test
    void createdProvidersAreDescribedUpdatedTaggedAndDeleted() {
        CapacityProvider created = ecs.createCapacityProvider(r -> r.name("web-capacity")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn(ASG)
                        .managedScaling(m -> m.status("ENABLED").targetCapacity(80).maximumScalingStepSize(4)))
                .tags(t -> t.key("team").value("web"))).capacityProvider();

        assertThat(created.capacityProviderArn())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:capacity-provider/web-capacity");
        assertThat(created.status().toString()).isEqualTo("ACTIVE");
        assertThat(created.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
        assertThat(created.autoScalingGroupProvider().managedScaling().minimumScalingStepSize()).isEqualTo(1);
        assertThat(created.autoScalingGroupProvider().managedScaling().instanceWarmupPeriod()).isEqualTo(300);
        assertThat(created.autoScalingGroupProvider().managedTerminationProtectionAsString()).isEqualTo("DISABLED");

        var all = ecs.describeCapacityProviders(r -> r.include(CapacityProviderField.TAGS)).capacityProviders();
        assertThat(all).extracting(CapacityProvider::name).contains("FARGATE", "FARGATE_SPOT", "web-capacity");
        assertThat(all.stream().filter(p -> p.name().equals("web-capacity")).findFirst().orElseThrow().tags())
                .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("web"));
        var missing = ecs.describeCapacityProviders(r -> r.capacityProviders("web-capacity", "gone"));
        assertThat(missing.capacityProviders()).hasSize(1);
        assertThat(missing.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).endsWith(":capacity-provider/gone");
        });

        var updated = ecs.updateCapacityProvider(r -> r.name("web-capacity")
                .autoScalingGroupProvider(a -> a.managedScaling(m -> m.instanceWarmupPeriod(60)))).capacityProvider();
        assertThat(updated.autoScalingGroupProvider().managedScaling().instanceWarmupPeriod()).isEqualTo(60);
        assertThat(updated.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
        assertThat(updated.updateStatusAsString()).isEqualTo("UPDATE_COMPLETE");

        assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("web-capacity")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn(ASG + "2")))).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("fargate-mine")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn(ASG + "3"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("other")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn(ASG)
                        .managedScaling(m -> m.targetCapacity(101))))).isInstanceOf(InvalidParameterException.class);

        ecs.createCluster(r -> r.clusterName("cp-asg").capacityProviders("web-capacity"));
        assertThatThrownBy(() -> ecs.deleteCapacityProvider(r -> r.capacityProvider("web-capacity")))
                .isInstanceOf(ClientException.class).hasMessageContaining("in use");
        ecs.putClusterCapacityProviders(r -> r.cluster("cp-asg").capacityProviders(java.util.List.of())
                .defaultCapacityProviderStrategy(java.util.List.of()));
        assertThat(ecs.deleteCapacityProvider(r -> r.capacityProvider(created.capacityProviderArn()))
                .capacityProvider().name()).isEqualTo("web-capacity");
        assertThat(ecs.describeCapacityProviders(r -> r.capacityProviders("web-capacity")).failures()).hasSize(1);
        assertThatThrownBy(() -> ecs.deleteCapacityProvider(r -> r.capacityProvider("FARGATE")))
                .isInstanceOf(ClientException.class);
    }

    /** RunTask and CreateService without a launch type or strategy use the cluster's default strategy. */
    @Test
    void theDefaultStrategyPlacesTasksAndServicesAndProvidersInUseStay() {
        ecs.createCluster(r -> r.clusterName("cp-default"));
        ecs.registerTaskDefinition(r -> r.family("cp-fg").requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("app").image(berth.e2e.ecs.TaskRuns.busybox()).command("sleep", "60")));
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("cp-default").taskDefinition("cp-fg")
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not associated with the cluster");

        ecs.putClusterCapacityProviders(r -> r.cluster("cp-default").capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1)));
        Service service = ecs.createService(r -> r.cluster("cp-default").serviceName("spot").taskDefinition("cp-fg")
                .desiredCount(0).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
                .service();
        assertThat(service.capacityProviderStrategy()).singleElement()
                .satisfies(i -> assertThat(i.capacityProvider()).isEqualTo("FARGATE_SPOT"));
        assertThat(service.launchType()).isNull();

        var task = ecs.runTask(r -> r.cluster("cp-default").taskDefinition("cp-fg")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))).tasks().get(0);
        assertThat(task.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        ecs.stopTask(r -> r.cluster("cp-default").task(task.taskArn()));

        assertThatThrownBy(() -> ecs.putClusterCapacityProviders(r -> r.cluster("cp-default")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(java.util.List.of())))
                .isInstanceOf(ResourceInUseException.class);
        Cluster kept = ecs.describeClusters(r -> r.clusters("cp-default").include(ClusterField.SETTINGS)).clusters().get(0);
        assertThat(kept.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
    }
}
