package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Health checks decide which targets take traffic; deregistered targets drain. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbHealthTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;
    @AutoClose
    private final HttpTargets targets = new HttpTargets();

    ElbHealthTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void aTargetThatDiesStopsReceivingTrafficOnceItsChecksFail() throws Exception {
        String lb = fixture.applicationLoadBalancer("dies");
        String tg = fixture.httpTargetGroup("dies");
        var a = targets.start("a");
        var b = targets.start("b");
        var c = targets.start("c");
        fixture.register(tg, a, b, c);
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        fixture.awaitState(tg, "healthy", 3, Duration.ofSeconds(10));

        c.kill();
        fixture.awaitState(tg, "unhealthy", 1, Duration.ofSeconds(20));
        TargetHealthDescription dead = fixture.health(tg).stream()
                .filter(d -> d.target().port() == c.port()).findFirst().orElseThrow();
        assertThat(dead.targetHealth().reasonAsString()).isEqualTo("Target.FailedHealthChecks");
        assertThat(dead.targetHealth().description()).isEqualTo("Health checks failed");

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = Http.get(port, "/");
            assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
            counts.merge(Http.servedBy(r), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a", "b");
    }

    @Test
    void whenEveryTargetIsUnhealthyTheLoadBalancerFailsOpen() throws Exception {
        String lb = fixture.applicationLoadBalancer("open");
        String tg = fixture.httpTargetGroup("open");
        var a = targets.start("a");
        var b = targets.start("b");
        a.healthStatus = 503;
        b.healthStatus = 503;
        fixture.register(tg, a, b);
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        fixture.awaitState(tg, "unhealthy", 2, Duration.ofSeconds(20));
        assertThat(fixture.health(tg)).allSatisfy(d -> {
            assertThat(d.targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(d.targetHealth().description()).isEqualTo("Health checks failed with these codes: [503]");
        });

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = Http.get(port, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            counts.merge(Http.servedBy(r), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a", "b");

        a.healthStatus = 200;
        fixture.awaitState(tg, "healthy", 1, Duration.ofSeconds(20));
        for (int i = 0; i < 10; i++) assertThat(Http.servedBy(Http.get(port, "/"))).isEqualTo("a");
    }

    @Test
    void aDeregisteredTargetDrainsWhileItsInFlightRequestFinishes() throws Exception {
        String lb = fixture.applicationLoadBalancer("drain");
        String tg = fixture.httpTargetGroup("drain");
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("4")));
        var slow = targets.start("slow");
        slow.slowMillis = 2500;
        fixture.register(tg, slow);
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        fixture.awaitState(tg, "healthy", 1, Duration.ofSeconds(10));

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(port, "/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (slow.served.get() == 0) Thread.sleep(20);
        var other = targets.start("other");
        fixture.register(tg, other);
        elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(slow.port()).build()));

        TargetHealthDescription draining = fixture.health(tg).stream().filter(d -> d.target().port() == slow.port()).findFirst().orElseThrow();
        assertThat(draining.targetHealth().stateAsString()).isEqualTo("draining");
        assertThat(draining.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        for (int i = 0; i < 10; i++) assertThat(Http.servedBy(Http.get(port, "/"))).isEqualTo("other");

        HttpResponse<String> finished = inFlight.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("slow GET /slow");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fixture.health(tg).size() > 1 && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(fixture.health(tg)).extracting(d -> d.target().port()).containsExactly(other.port());
        List<TargetHealthDescription> gone = elb.describeTargetHealth(r -> r.targetGroupArn(tg)
                .targets(TargetDescription.builder().id("127.0.0.1").port(slow.port()).build())).targetHealthDescriptions();
        assertThat(gone.get(0).targetHealth().stateAsString()).isEqualTo("unused");
        assertThat(gone.get(0).targetHealth().reasonAsString()).isEqualTo("Target.NotRegistered");
    }

    @Test
    void targetsOfAGroupNoListenerUsesAreUnusedThenStartInitial() throws Exception {
        String lb = fixture.applicationLoadBalancer("states");
        String tg = fixture.httpTargetGroup("states", r -> r.healthCheckIntervalSeconds(300).healthCheckTimeoutSeconds(5));
        var a = targets.start("a");
        a.healthStatus = 500;
        fixture.register(tg, a);
        TargetHealthDescription unused = fixture.health(tg).get(0);
        assertThat(unused.targetHealth().stateAsString()).isEqualTo("unused");
        assertThat(unused.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");
        assertThat(unused.healthCheckPort()).isEqualTo(Integer.toString(a.port()));

        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        fixture.awaitState(tg, "initial", 1, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        TargetHealthDescription checking;
        do {
            checking = fixture.health(tg).get(0);
            Thread.sleep(100);
        } while (!"Elb.InitialHealthChecking".equals(checking.targetHealth().reasonAsString()) && System.nanoTime() < deadline);
        assertThat(checking.targetHealth().reasonAsString()).isEqualTo("Elb.InitialHealthChecking");
        assertThat(checking.targetHealth().description()).isEqualTo("Initial health checks in progress");
        assertThat(Http.get(port, "/").statusCode()).as("a target still in its initial checks takes traffic when no other can").isEqualTo(200);
    }
}
