package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** Listeners listen again after berth is killed and started on the same home. */
class ElbRestartTest {
    @TempDir
    Path home;

    static ElasticLoadBalancingV2Client client(URI endpoint) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void listenersReopenAfterAKillNine() throws Exception {
        try (HttpTargets targets = new HttpTargets();
             BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_LOCAL_AGENT", "0"))) {
            var target = targets.start("kept");
            int port;
            try (ElasticLoadBalancingV2Client elb = client(berth.endpoint())) {
                ElbFixture fixture = new ElbFixture(elb);
                String lb = fixture.applicationLoadBalancer("kept");
                String tg = fixture.httpTargetGroup("kept");
                fixture.register(tg, target);
                port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
                assertThat(Http.get(port, "/").body()).isEqualTo("kept GET /");
            }
            berth.kill9();
            berth.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String body = null;
            while (body == null && System.nanoTime() < deadline) {
                try {
                    body = Http.get(port, "/").body();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(body).isEqualTo("kept GET /");
            try (ElasticLoadBalancingV2Client elb = client(berth.endpoint())) {
                assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
                String tg = elb.describeTargetGroups().targetGroups().get(0).targetGroupArn();
                new ElbFixture(elb).awaitState(tg, "healthy", 1, Duration.ofSeconds(10));
            }
        }
    }
}
