package berth.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** berth with {@code BERTH_STORE=postgresql://…}: state lives in PostgreSQL and survives a SIGKILL. */
class PostgresBackedBerthTest {
    @TempDir
    Path home;

    @Test
    void stateSurvivesKillNineInPostgres() throws Exception {
        String url = System.getenv("BERTH_TEST_PG_URL");
        assertThat(url).as("BERTH_TEST_PG_URL must name the PostgreSQL server (./berth test sets it)").isNotBlank();
        String schema = "e2e_" + Long.toHexString(System.nanoTime());
        String store = url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_STORE", store, "BERTH_LOCAL_AGENT", "0"))) {
            try (var ecs = Clients.ecs(berth.endpoint())) {
                ecs.createCluster(r -> r.clusterName("in-postgres").tags(t -> t.key("k").value("v")));
            }
            assertThat(berth.output()).contains("store postgresql");
            berth.kill9();
            berth.restart();
            try (var ecs = Clients.ecs(berth.endpoint())) {
                assertThat(ecs.listClusters().clusterArns())
                        .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/in-postgres");
            }
        }
        assertThat(home.resolve("state")).as("nothing written to the embedded store").doesNotExist();
    }
}
