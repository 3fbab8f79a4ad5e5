package berth.asg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupReconcilerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Map<String, String> ZONES = Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b");

    private static Group group(int desired, List<Member> members) {
        return new Group("000000000000", "us-east-1", "g", "lt-1", "t", "$Default", 0, 10, desired, 300,
                List.of("subnet-a", "subnet-b"), List.of("us-east-1a", "us-east-1b"), "EC2", 0, false, List.of(), members,
                T0, Instant.EPOCH, false);
    }

    private static Member member(String id, String zone, Member.LifecycleState state, boolean protect, Instant launched) {
        return new Member(id, zone, zone.endsWith("a") ? "subnet-a" : "subnet-b", "t3.small", state, "Healthy", protect, "1",
                launched);
    }

    @Test
    void launchesBalanceTheZonesAndRunningInstancesComeInService() {
        var plan = GroupReconciler.reconcile(group(3, List.of(member("i-1", "us-east-1a", Member.LifecycleState.PENDING,
                false, T0))), Map.of("i-1", GroupReconciler.Ec2State.RUNNING), ZONES, T0);
        assertThat(plan.members()).singleElement().satisfies(m -> assertThat(m.state())
                .isEqualTo(Member.LifecycleState.IN_SERVICE));
        assertThat(plan.launches()).extracting(GroupReconciler.Launch::availabilityZone)
                .containsExactly("us-east-1b", "us-east-1a");
    }

    @Test
    void scaleInSparesProtectedInstancesAndTakesFromTheFullestZoneThenTheOldest() {
        List<Member> members = List.of(
                member("i-old", "us-east-1a", Member.LifecycleState.IN_SERVICE, false, T0),
                member("i-new", "us-east-1a", Member.LifecycleState.IN_SERVICE, false, T0.plusSeconds(60)),
                member("i-kept", "us-east-1a", Member.LifecycleState.IN_SERVICE, true, T0),
                member("i-b", "us-east-1b", Member.LifecycleState.IN_SERVICE, false, T0));
        Map<String, GroupReconciler.Ec2State> running = Map.of("i-old", GroupReconciler.Ec2State.RUNNING,
                "i-new", GroupReconciler.Ec2State.RUNNING, "i-kept", GroupReconciler.Ec2State.RUNNING,
                "i-b", GroupReconciler.Ec2State.RUNNING);
        var plan = GroupReconciler.reconcile(group(2, members), running, ZONES, T0);
        assertThat(plan.terminations()).extracting(Member::instanceId).containsExactly("i-old", "i-new");
        var all = GroupReconciler.reconcile(group(0, members), running, ZONES, T0);
        assertThat(all.terminations()).extracting(Member::instanceId).doesNotContain("i-kept").hasSize(3);
    }

    @Test
    void anInstanceTerminatedOutsideTheGroupLeavesAndIsReplaced() {
        var plan = GroupReconciler.reconcile(group(1, List.of(member("i-1", "us-east-1a", Member.LifecycleState.IN_SERVICE,
                false, T0))), Map.of("i-1", GroupReconciler.Ec2State.TERMINATED), ZONES, T0);
        assertThat(plan.members()).isEmpty();
        assertThat(plan.departures()).containsExactly("i-1");
        assertThat(plan.launches()).hasSize(1);
    }
}
