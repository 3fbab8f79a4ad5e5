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
        // a fresh berth has no cluster, as a fresh account
        assertThat(ecs.listClusters().clusterArns()).as("state leaked from an earlier test").isEmpty();
        String mine = "c-" + UUID.randomUUID();
        ecs.createCluster(r -> r.clusterName(mine).tags(t -> t.key("owner").value(mine)));
        ecs.createCluster(r -> r.clusterName(mine + "-2"));
        assertThat(ecs.listClusters().clusterArns()).hasSize(2);
        assertThat(ecs.describeClusters(r -> r.clusters(mine).include(ClusterField.TAGS)).clusters().get(0).tags())
                .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo(mine));
    }
}
