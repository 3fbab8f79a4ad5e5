package berth.ecs.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.LaunchType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementParametersTest {

    @Test
    void readsEveryStrategyTheApiAccepts() {
        assertThat(PlacementStrategy.of("binpack", "cpu"))
                .isEqualTo(new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU));
        assertThat(PlacementStrategy.of("binpack", "memory"))
                .isEqualTo(new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY));
        assertThat(PlacementStrategy.of("spread", "instanceId")).isEqualTo(new PlacementStrategy.Spread("instanceId"));
        assertThat(((PlacementStrategy.Spread) PlacementStrategy.of("spread", "host")).byInstance()).isTrue();
        assertThat(((PlacementStrategy.Spread) PlacementStrategy.of("spread", "attribute:ecs.availability-zone"))
                .attributeName()).isEqualTo("ecs.availability-zone");
        assertThat(PlacementStrategy.of("random", "")).isEqualTo(new PlacementStrategy.Random());
    }

    @Test
    void refusesStrategiesEcsRefuses() {
        assertThatThrownBy(() -> PlacementStrategy.of("binpack", "disk"))
                .isInstanceOf(InvalidPlacementException.class).hasMessageContaining("cpu and memory");
        assertThatThrownBy(() -> PlacementStrategy.of("spread", "zone"))
                .isInstanceOf(InvalidPlacementException.class).hasMessageContaining("instanceId");
        assertThatThrownBy(() -> PlacementStrategy.of("spread", "attribute:"))
                .isInstanceOf(InvalidPlacementException.class);
        assertThatThrownBy(() -> PlacementStrategy.of("pack", "cpu"))
                .isInstanceOf(InvalidPlacementException.class).hasMessageContaining("random, spread and binpack");
        assertThatThrownBy(() -> PlacementStrategy.of("random", "cpu"))
                .isInstanceOf(InvalidPlacementException.class);
    }

    @Test
    void readsAndRefusesConstraintsLikeEcs() {
        assertThat(PlacementConstraint.of("distinctInstance", ""))
                .isEqualTo(new PlacementConstraint.DistinctInstance());
        assertThat(PlacementConstraint.of("memberOf", "attribute:ecs.os-type == linux"))
                .isEqualTo(new PlacementConstraint.MemberOf("attribute:ecs.os-type == linux"));
        assertThatThrownBy(() -> PlacementConstraint.of("distinctInstance", "task:group exists"))
                .isInstanceOf(InvalidPlacementException.class);
        assertThatThrownBy(() -> PlacementConstraint.of("memberOf", " "))
                .isInstanceOf(InvalidPlacementException.class);
        assertThatThrownBy(() -> PlacementConstraint.of("memberOf", "attribute:x =="))
                .isInstanceOf(ClusterQuerySyntaxException.class);
        assertThatThrownBy(() -> PlacementConstraint.of("sameZone", ""))
                .isInstanceOf(InvalidPlacementException.class).hasMessageContaining("distinctInstance and memberOf");
    }

    @Test
    void schedulerRefusesWhatCannotBePlaced() {
        var cluster = Fixtures.cluster(Fixtures.instance("a", 1024, 1024));
        TaskRequirements badQuery = Fixtures.task(1, 1).withConstraints(List.of(
                new PlacementConstraint.MemberOf("attribute:x in y")));

        assertThatThrownBy(() -> Scheduler.place(cluster, badQuery, List.of(), 1L, 1))
                .isInstanceOf(ClusterQuerySyntaxException.class);
        assertThatThrownBy(() -> Scheduler.place(cluster, Fixtures.task(1, 1), List.of(), 1L, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scheduler.place(cluster, Fixtures.task(1, 1).withLaunchType(LaunchType.FARGATE),
                List.of(), 1L, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standaloneTasksDefaultToTheirFamilyGroup() {
        assertThat(TaskRequirements.ec2("nginx", 1, 1).group()).isEqualTo("family:nginx");
        assertThat(TaskRequirements.defaultGroup("nginx")).isEqualTo("family:nginx");
    }
}
