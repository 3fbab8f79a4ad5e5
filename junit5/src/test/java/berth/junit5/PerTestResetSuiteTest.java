package berth.junit5;

import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty tests on one berth, reset before each: every test starts from an empty world. */
@BerthTest(reset = BerthTest.Reset.PER_TEST)
class PerTestResetSuiteTest {

    @RepeatedTest(50)
    void startsEmptyAndLeavesNothingBehind(EcsClient ecs) {
        // a fresh berth has only the local agent's default cluster
        assertThat(ecs.listClusters().clusterArns()).as("state leaked from an earlier test")
                .allMatch(arn -> arn.endsWith(":cluster/default"));
        String mine = "c-" + UUID.randomUUID();
        ecs.createCluster(r -> r.clusterName(mine).tags(t -> t.key("owner").value(mine)));
        ecs.createCluster(r -> r.clusterName(mine + "-2"));
        assertThat(ecs.listClusters().clusterArns()).filteredOn(arn -> !arn.endsWith(":cluster/default")).hasSize(2);
        assertThat(ecs.describeClusters(r -> r.clusters(mine).include(ClusterField.TAGS)).clusters().get(0).tags())
                .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo(mine));
    }
}
