package berth.ecs.core.placement;

import static berth.ecs.core.placement.Fixtures.arn;
import static berth.ecs.core.placement.Fixtures.binpackMemory;
import static berth.ecs.core.placement.Fixtures.cluster;
import static berth.ecs.core.placement.Fixtures.ids;
import static berth.ecs.core.placement.Fixtures.instance;
import static berth.ecs.core.placement.Fixtures.strategies;
import static berth.ecs.core.placement.Fixtures.task;
import static berth.ecs.core.placement.Fixtures.withTasks;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementConstraintsTest {

    private static TaskRequirements constrained(PlacementConstraint... constraints) {
        return task(64, 256).withConstraints(List.of(constraints));
    }

    @Test
    void memberOfRestrictsCandidatesToTheInstancesTheQuerySelects() {
        ClusterSnapshot cluster = cluster(
                instance("m5", 4096, 8192, "us-east-1a", "m5.large").withRemaining(4096, 300),
                instance("t2", 4096, 8192, "us-east-1a", "t2.small"),
                instance("g2", 4096, 8192, "us-east-1b", "g2.2xlarge").withRemaining(4096, 400));

        Placement placement = Scheduler.place(cluster,
                constrained(new PlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t2.*")),
                strategies(binpackMemory()), 1L, 2);

        assertThat(ids(placement)).containsExactly("t2", "t2");
    }

    @Test
    void memberOfTaskGroupPlacesNextToTheGroupsTasks() {
        ClusterSnapshot cluster = cluster(
                instance("plain", 4096, 8192).withRemaining(4096, 300),
                withTasks(instance("db", 4096, 8192), "databases", 1));

        Placement placement = Scheduler.place(cluster,
                constrained(new PlacementConstraint.MemberOf("task:group == databases")),
                strategies(binpackMemory()), 1L, 1);

        assertThat(ids(placement)).containsExactly("db");
    }

    @Test
    void antiAffinitySeesTheTasksPlacedEarlierInTheSameRequest() {
        ClusterSnapshot cluster = cluster(instance("a", 4096, 8192), instance("b", 4096, 8192),
                instance("c", 4096, 8192));

        Placement placement = Scheduler.place(cluster,
                constrained(new PlacementConstraint.MemberOf("not(task:group == family:web)")),
                strategies(binpackMemory()), 1L, 4);

        assertThat(ids(placement)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(placement.failures()).singleElement()
                .extracting(InstanceRejection::ecsReason).isEqualTo("MemberOf placement constraint unsatisfied.");
    }

    @Test
    void distinctInstancePutsEachTaskOfTheGroupOnAnotherInstance() {
        ClusterSnapshot cluster = cluster(
                withTasks(instance("busy", 4096, 8192), "family:web", 1),
                instance("b", 4096, 8192), instance("c", 4096, 8192));

        Placement placement = Scheduler.place(cluster, constrained(new PlacementConstraint.DistinctInstance()),
                strategies(binpackMemory()), 1L, 3);

        assertThat(ids(placement)).containsExactlyInAnyOrder("b", "c");
        assertThat(placement.tasks().get(2)).isInstanceOf(TaskPlacement.NotPlaced.class);
        assertThat(placement.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.ecsReason()).isEqualTo("DistinctInstance placement constraint unsatisfied.");
            assertThat(failure.containerInstanceArn()).isEqualTo(arn("busy"));
        });
    }

    @Test
    void distinctInstanceIgnoresTasksOfOtherGroups() {
        ClusterSnapshot cluster = cluster(withTasks(instance("a", 4096, 8192), "family:batch", 3));

        Placement placement = Scheduler.place(cluster, constrained(new PlacementConstraint.DistinctInstance()),
                List.of(), 1L, 1);

        assertThat(ids(placement)).containsExactly("a");
    }

    @Test
    void everyConstraintMustHold() {
        ClusterSnapshot cluster = cluster(
                instance("a-small", 4096, 8192, "us-east-1a", "t2.small"),
                instance("b-small", 4096, 8192, "us-east-1b", "t2.small"),
                instance("a-large", 4096, 8192, "us-east-1a", "t2.large"));

        Placement placement = Scheduler.place(cluster, constrained(
                        new PlacementConstraint.MemberOf("attribute:ecs.instance-type == t2.small"),
                        new PlacementConstraint.MemberOf("attribute:ecs.availability-zone != us-east-1a"),
                        new PlacementConstraint.DistinctInstance()),
                List.of(), 1L, 2);

        assertThat(ids(placement)).containsExactly("b-small");
        assertThat(placement.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.containerInstanceArn()).isEqualTo(arn("b-small"));
            assertThat(failure.reason()).isEqualTo(RejectionReason.DISTINCT_INSTANCE);
        });
    }
}
