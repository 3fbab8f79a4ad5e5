package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** The load balancer's own error answers: 502, 503, 504, and its refusals of malformed requests. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbErrorPagesTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;
    @AutoClose
    private final HttpTargets targets = new HttpTargets();

    ElbErrorPagesTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void noRegisteredTargetIs503() throws Exception {
        String lb = fixture.applicationLoadBalancer("empty");
        String tg = fixture.httpTargetGroup("empty");
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        HttpResponse<String> r = Http.get(port, "/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("<title>503 Service Temporarily Unavailable</title>");
        assertThat(r.headers().firstValue("server")).hasValue("awselb/2.0");
        assertThat(Http.get(port, "/").statusCode()).as("the connection stays usable").isEqualTo(503);
    }

    @Test
    void aTargetThatRefusesConnectionsIs502() throws Exception {
        String lb = fixture.applicationLoadBalancer("refused");
        String tg = fixture.httpTargetGroup("refused", r -> r.healthCheckIntervalSeconds(300).healthCheckTimeoutSeconds(5));
        int closedPort = Http.freePort();
        elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(closedPort).build()));
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        HttpResponse<String> r = Http.get(port, "/");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("<center><h1>502 Bad Gateway</h1></center>");
    }

    @Test
    void aTargetSilentPastTheIdleTimeoutIs504() throws Exception {
        String lb = fixture.applicationLoadBalancer("slow");
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb).attributes(a -> a.key("idle_timeout.timeout_seconds").value("1")));
        String tg = fixture.httpTargetGroup("slow");
        var slow = targets.start("slow");
        slow.slowMillis = 4000;
        fixture.register(tg, slow);
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();
        long start = System.nanoTime();
        HttpResponse<String> r = Http.get(port, "/slow");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("504 Gateway Time-out");
        assertThat(millis).isBetween(900L, 3000L);
        assertThat(Http.get(port, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedAndRefusedRequestsGetTheLoadBalancersOwnStatus() throws Exception {
        String lb = fixture.applicationLoadBalancer("refusals");
        String tg = fixture.httpTargetGroup("refusals");
        fixture.register(tg, targets.start("a"));
        int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();

        assertThat(rawStatus(port, "NOT HTTP AT ALL\r\n\r\n")).isEqualTo(400);
        assertThat(rawStatus(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n")).as("no Host header").isEqualTo(400);
        assertThat(rawStatus(port, "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(405);
        String manyHops = String.join(", ", java.util.Collections.nCopies(31, "10.0.0.1"));
        assertThat(Http.raw(port, "/", "x", Map.of("X-Forwarded-For", manyHops)).status()).isEqualTo(463);
        assertThat(rawStatus(port, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n")).isEqualTo(501);
    }

    private static int rawStatus(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.split(" ")[1]);
        }
    }
}
