package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** A WebSocket upgrade passes through the listener and the upgraded connection carries frames both ways. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbWebSocketTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;

    ElbWebSocketTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void webSocketFramesFlowThroughTheUpgradedConnection() throws Exception {
        try (WebSocketEchoServer echo = new WebSocketEchoServer()) {
            String lb = fixture.applicationLoadBalancer("ws");
            String tg = fixture.httpTargetGroup("ws");
            elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1").port(echo.port()).build()));
            int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();

            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(text.toString());
                                text.setLength(0);
                            }
                            ws.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                socket.sendText("hello " + i, true).get(5, TimeUnit.SECONDS);
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: hello " + i);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertThat(echo.handshakeHeaders.get("")).isEqualTo("GET /chat HTTP/1.1");
            assertThat(echo.handshakeHeaders.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(echo.handshakeHeaders.get("Upgrade")).isEqualToIgnoringCase("websocket");
        }
    }
}
