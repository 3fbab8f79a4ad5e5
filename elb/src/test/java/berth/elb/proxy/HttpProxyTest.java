package berth.elb.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import berth.elb.core.Action;
import berth.elb.core.LoadBalancer;
import berth.elb.core.LoadBalancerType;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetGroupAttributes;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetProtocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP proxy against real target servers on loopback. */
class HttpProxyTest {
    private DataPlaneFixture fixture;
    private Targets targets;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        fixture = new DataPlaneFixture();
        targets = new Targets();
    }

    @AfterEach
    void stop() throws Exception {
        targets.close();
        fixture.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsSpreadRoundRobinAcrossTargets() throws Exception {
        LoadBalancer lb = fixture.loadBalancer(LoadBalancerType.APPLICATION, 60);
        TargetGroup tg = fixture.targetGroup(TargetProtocol.HTTP, DataPlaneFixture.fastHttpCheck(),
                TargetGroupAttributes.defaultsFor(TargetProtocol.HTTP));
        for (String name : List.of("a", "b", "c")) targets.start(name);
        fixture.targets(tg, targets.all.stream().map(t -> new TargetKey("127.0.0.1", t.port())).toList());
        int port = DataPlaneFixture.freePort();
        fixture.listener(lb, port, Action.Forward.to(tg.arn()));

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = get(port, "/x");
            assertThat(r.statusCode()).isEqualTo(200);
            counts.merge(r.body().split(" ")[0], 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a", "b", "c");
        // round robin; targets turn healthy one by one during the first requests, which may shift a turn or two
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(8, 12));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        LoadBalancer lb = fixture.loadBalancer(LoadBalancerType.APPLICATION, 60);
        TargetGroup tg = fixture.targetGroup(TargetProtocol.HTTP, DataPlaneFixture.fastHttpCheck(),
                TargetGroupAttributes.defaultsFor(TargetProtocol.HTTP));
        targets.start("only");
        fixture.targets(tg, List.of(new TargetKey("127.0.0.1", targets.all.get(0).port())));
        int port = DataPlaneFixture.freePort();
        fixture.listener(lb, port, Action.Forward.to(tg.arn()));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String three = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(three.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(4);
            assertThat(answers.indexOf("only GET /1")).isLessThan(answers.indexOf("only GET /2"));
            assertThat(answers.indexOf("only GET /2")).isLessThan(answers.indexOf("only GET /3"));
        }
    }
}
