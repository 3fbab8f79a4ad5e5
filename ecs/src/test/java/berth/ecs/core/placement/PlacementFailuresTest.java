package berth.ecs.core.placement;

import static berth.ecs.core.placement.Fixtures.arn;
import static berth.ecs.core.placement.Fixtures.cluster;
import static berth.ecs.core.placement.Fixtures.instance;
import static berth.ecs.core.placement.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.LaunchType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementFailuresTest {

    private static PlacementFailure failureOf(ClusterSnapshot cluster, TaskRequirements task) {
        Placement placement = Scheduler.place(cluster, task, List.of(), 1L, 1);
        assertThat(placement.placedCount()).isZero();
        return ((TaskPlacement.NotPlaced) placement.tasks().get(0)).failure();
    }

    private static InstanceRejection closest(ClusterSnapshot cluster, TaskRequirements task) {
        return ((PlacementFailure.Rejected) failureOf(cluster, task)).closest();
    }

    @Test
    void reasonStringsAreTheOnesRunTaskReports() {
        assertThat(RejectionReason.AGENT.ecsReason()).isEqualTo("AGENT");
        assertThat(RejectionReason.ATTRIBUTE.ecsReason()).isEqualTo("ATTRIBUTE");
        assertThat(RejectionReason.CPU.ecsReason()).isEqualTo("RESOURCE:CPU");
        assertThat(RejectionReason.MEMORY.ecsReason()).isEqualTo("RESOURCE:MEMORY");
        assertThat(RejectionReason.PORTS.ecsReason()).isEqualTo("RESOURCE:PORTS");
        assertThat(RejectionReason.MEMBER_OF.ecsReason()).isEqualTo("MemberOf placement constraint unsatisfied.");
        assertThat(RejectionReason.DISTINCT_INSTANCE.ecsReason())
                .isEqualTo("DistinctInstance placement constraint unsatisfied.");
        assertThat(new PlacementFailure.NoContainerInstances().message())
                .isEqualTo("No Container Instances were found in your cluster.");
    }

    @Test
    void anEmptyClusterHasNoContainerInstances() {
        Placement placement = Scheduler.place(cluster(), task(1, 1), List.of(), 1L, 2);

        assertThat(placement.noContainerInstances()).isTrue();
        assertThat(placement.failures()).isEmpty();
        assertThat(placement.tasks()).hasSize(2)
                .allSatisfy(t -> assertThat(((TaskPlacement.NotPlaced) t).failure())
                        .isInstanceOf(PlacementFailure.NoContainerInstances.class));
    }

    @Test
    void onlyActiveInstancesAreCandidates() {
        ClusterSnapshot cluster = cluster(
                instance("draining", 4096, 8192).withStatus(InstanceStatus.DRAINING),
                instance("inactive", 4096, 8192).withStatus(InstanceStatus.INACTIVE),
                instance("registering", 4096, 8192).withStatus(InstanceStatus.REGISTERING));

        assertThat(failureOf(cluster, task(1, 1))).isInstanceOf(PlacementFailure.NoContainerInstances.class);
    }

    @Test
    void launchTypesKeepToTheirOwnInstances() {
        Map<String, String> externalAttributes = new HashMap<>(instance("x", 1, 1).attributes());
        externalAttributes.put(InstanceSnapshot.EXTERNAL, "");
        InstanceSnapshot external = InstanceSnapshot.active(arn("onprem"), "mi-1", 4096, 8192, externalAttributes);
        ClusterSnapshot ec2Only = cluster(instance("ec2", 4096, 8192));
        ClusterSnapshot mixed = cluster(external, instance("ec2", 4096, 8192));

        assertThat(failureOf(ec2Only, task(1, 1).withLaunchType(LaunchType.EXTERNAL)))
                .isInstanceOf(PlacementFailure.NoContainerInstances.class);
        assertThat(Scheduler.place(mixed, task(1, 1).withLaunchType(LaunchType.EXTERNAL), List.of(), 1L, 3)
                .placedInstanceArns()).containsOnly(arn("onprem"));
        assertThat(Scheduler.place(mixed, task(1, 1), List.of(), 1L, 3).placedInstanceArns())
                .containsOnly(arn("ec2"));
    }

    @Test
    void aDisconnectedAgentIsReportedAsAgent() {
        ClusterSnapshot cluster = cluster(instance("lost", 4096, 8192).withAgent(false, "1.80.0"));

        assertThat(closest(cluster, task(1, 1))).isEqualTo(new InstanceRejection(arn("lost"), RejectionReason.AGENT));
    }

    @Test
    void aMissingRequiredAttributeIsReportedAsAttribute() {
        ClusterSnapshot cluster = cluster(instance("plain", 4096, 8192));
        TaskRequirements needsGpuDriver = task(1, 1).withRequiredAttributes(List.of(
                RequiredAttribute.named("ecs.capability.docker-plugin.rexray/ebs")));
        TaskRequirements needsWindows = task(1, 1).withRequiredAttributes(List.of(
                new RequiredAttribute(InstanceSnapshot.OS_TYPE, "windows")));
        TaskRequirements needsLinux = task(1, 1).withRequiredAttributes(List.of(
                new RequiredAttribute(InstanceSnapshot.OS_TYPE, "linux")));

        assertThat(closest(cluster, needsGpuDriver).ecsReason()).isEqualTo("ATTRIBUTE");
        assertThat(closest(cluster, needsWindows).ecsReason()).isEqualTo("ATTRIBUTE");
        assertThat(Scheduler.place(cluster, needsLinux, List.of(), 1L, 1).placedCount()).isEqualTo(1);
    }

    @Test
    void shortCpuAndShortMemoryAreReportedAsResources() {
        ClusterSnapshot cluster = cluster(instance("a", 1024, 2048));

        assertThat(closest(cluster, task(2048, 64)).ecsReason()).isEqualTo("RESOURCE:CPU");
        assertThat(closest(cluster, task(64, 4096)).ecsReason()).isEqualTo("RESOURCE:MEMORY");
        assertThat(closest(cluster, task(2048, 4096)).ecsReason()).isEqualTo("RESOURCE:CPU");
    }

    @Test
    void theReportedInstanceIsTheOneThatPassedTheMostChecks() {
        ClusterSnapshot cluster = cluster(
                instance("lost", 4096, 8192).withAgent(false, ""),
                instance("weak", 128, 8192),
                instance("small", 4096, 128),
                instance("other-type", 4096, 8192, "us-east-1a", "m5.large"),
                instance("small-too", 4096, 128));
        TaskRequirements task = task(256, 256).withConstraints(List.of(
                new PlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t3.*")));

        PlacementFailure.Rejected failure = (PlacementFailure.Rejected) failureOf(cluster, task);

        assertThat(failure.closest()).isEqualTo(new InstanceRejection(arn("other-type"), RejectionReason.MEMBER_OF));
        assertThat(failure.rejections()).containsExactly(
                new InstanceRejection(arn("lost"), RejectionReason.AGENT),
                new InstanceRejection(arn("weak"), RejectionReason.CPU),
                new InstanceRejection(arn("small"), RejectionReason.MEMORY),
                new InstanceRejection(arn("other-type"), RejectionReason.MEMBER_OF),
                new InstanceRejection(arn("small-too"), RejectionReason.MEMORY));
    }

    @Test
    void amongEquallyCloseInstancesTheFirstIsReported() {
        ClusterSnapshot cluster = cluster(instance("first", 4096, 128), instance("second", 4096, 128));

        assertThat(closest(cluster, task(64, 256))).isEqualTo(new InstanceRejection(arn("first"), RejectionReason.MEMORY));
    }

    @Test
    void constraintsAreReportedInTheOrderTheyAreGiven() {
        ClusterSnapshot cluster = cluster(Fixtures.withTasks(instance("a", 4096, 8192), "family:web", 1));
        TaskRequirements distinctFirst = task(1, 1).withConstraints(List.of(
                new PlacementConstraint.DistinctInstance(),
                new PlacementConstraint.MemberOf("attribute:stack == prod")));
        TaskRequirements memberOfFirst = task(1, 1).withConstraints(List.of(
                new PlacementConstraint.MemberOf("attribute:stack == prod"),
                new PlacementConstraint.DistinctInstance()));

        assertThat(closest(cluster, distinctFirst).reason()).isEqualTo(RejectionReason.DISTINCT_INSTANCE);
        assertThat(closest(cluster, memberOfFirst).reason()).isEqualTo(RejectionReason.MEMBER_OF);
    }

    @Test
    void laterTasksOfAFailedRequestFailTheSameWayAndAreListedOnce() {
        ClusterSnapshot cluster = cluster(instance("a", 1024, 1024));

        Placement placement = Scheduler.place(cluster, task(512, 512), List.of(), 1L, 5);

        assertThat(placement.placedCount()).isEqualTo(2);
        assertThat(placement.tasks().subList(2, 5)).allSatisfy(t -> assertThat(t).isInstanceOf(TaskPlacement.NotPlaced.class));
        assertThat(placement.failures()).containsExactly(new InstanceRejection(arn("a"), RejectionReason.CPU));
    }
}
