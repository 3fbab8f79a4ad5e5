package berth.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** State survives restarts: a clean stop, and a SIGKILL while writes are in flight. */
class RestartTest {
    /** These tests count clusters exactly: no local agent, so no default cluster of its own. */
    private static final Map<String, String> NO_LOCAL_AGENT = Map.of("BERTH_LOCAL_AGENT", "0");
    @TempDir
    Path home;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, NO_LOCAL_AGENT)) {
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                        for (int i = 0; writing.get(); i++) {
                            String name = "c-" + writer + "-" + i;
                            ecs.createCluster(r -> r.clusterName(name));
                            acknowledged.add(name);
                        }
                    } catch (RuntimeException expectedWhenKilled) {
                        // the server died under this writer; only acknowledged names count
                    }
                });
            }
            while (acknowledged.size() < 40) Thread.sleep(20);
            berth.kill9();
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            berth.restart();
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                List<String> names = new ArrayList<>();
                String token = null;
                do {
                    String t = token;
                    var page = ecs.listClusters(r -> r.nextToken(t));
                    page.clusterArns().forEach(arn -> names.add(arn.substring(arn.indexOf('/') + 1)));
                    token = page.nextToken();
                } while (token != null);
                assertThat(names).containsAll(List.copyOf(acknowledged));
                ecs.createCluster(r -> r.clusterName("after-crash"));
                assertThat(ecs.describeClusters(r -> r.clusters("after-crash")).clusters()).hasSize(1);
            }
        }
    }

    @Test
    void cleanStopAndStartFindsStateAsItWas() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, NO_LOCAL_AGENT)) {
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                ecs.createCluster(r -> r.clusterName("kept").tags(t -> t.key("team").value("blue")));
                ecs.createCluster(r -> r.clusterName("removed"));
                ecs.deleteCluster(r -> r.cluster("removed"));
            }
            berth.close();
            berth.restart();
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                var kept = ecs.describeClusters(r -> r.clusters("kept", "removed").include(
                        software.amazon.awssdk.services.ecs.model.ClusterField.TAGS)).clusters();
                assertThat(kept).extracting(c -> c.clusterName() + ":" + c.status())
                        .containsExactly("kept:ACTIVE", "removed:INACTIVE");
                assertThat(kept.get(0).tags()).singleElement()
                        .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=blue"));
                assertThat(ecs.listClusters().clusterArns()).hasSize(1);
            }
        }
    }
}
