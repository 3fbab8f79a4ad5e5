package berth.ecs;

import berth.aws.Scope;
import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.task.FargateCapacity;
import berth.ecs.state.CapacityProviderRecords;
import berth.ecs.state.CapacityRecords;
import berth.platform.RecordJson;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts and regions with Fargate capacity come from the clusters' capacity records, and only from them. */
class StoredFargateRegionsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private void capacity(Scope scope, String cluster) {
        FargateCapacity c = FargateCapacity.registered(scope, cluster, T0);
        store.put(CapacityRecords.KIND, c.key(), RecordJson.STANDARD.write(c), Store.ABSENT);
    }

    @Test
    void listsEachAccountAndRegionOnceWhateverItsClusters() {
        capacity(new Scope("111111111111", "us-east-1"), "a");
        capacity(new Scope("111111111111", "us-east-1"), "b");
        capacity(new Scope("222222222222", "eu-west-1"), "a");

        assertThat(new StoredFargateRegions(store).current()).containsExactlyInAnyOrder(
                new Scope("111111111111", "us-east-1"), new Scope("222222222222", "eu-west-1"));
    }

    @Test
    void tellsOfNewCapacityButNotOfCapacityProvidersOrRemovals() throws Exception {
        capacity(new Scope("444444444444", "sa-east-1"), "old");
        FargateRegions regions = new StoredFargateRegions(store);
        List<Scope> told = new CopyOnWriteArrayList<>();
        try (FargateRegions.Watch watch = regions.watch(told::add)) {
            store.put(CapacityProviderRecords.KIND, "333333333333/ap-south-1/spot",
                    "{}".getBytes(StandardCharsets.UTF_8), Store.ABSENT);
            store.delete(CapacityRecords.KIND, "444444444444/sa-east-1/old", Store.ANY);
            capacity(new Scope("111111111111", "us-west-2"), "web");
            capacity(new Scope("222222222222", "eu-west-1"), "jobs");

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (told.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        assertThat(told).containsExactly(new Scope("111111111111", "us-west-2"),
                new Scope("222222222222", "eu-west-1"));
    }
}
