package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** Chunked bodies stream through the proxy in both directions, neither held whole. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbStreamingTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;

    ElbStreamingTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void chunksReachTheClientBeforeTheTargetHasFinishedAndUploadsArriveWhole() throws Exception {
        CountDownLatch firstChunkSeen = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/upload")) {
                    long total = 0;
                    try (InputStream in = exchange.getRequestBody()) {
                        byte[] buffer = new byte[65536];
                        int n;
                        while ((n = in.read(buffer)) > 0) total += n;
                    }
                    byte[] body = Long.toString(total).getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("first|".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                firstChunkSeen.await(10, TimeUnit.SECONDS);
                out.write("second".getBytes(StandardCharsets.US_ASCII));
                out.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            String lb = fixture.applicationLoadBalancer("stream");
            String tg = fixture.httpTargetGroup("stream");
            elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1")
                    .port(server.getAddress().getPort()).build()));
            int port = fixture.listener(lb, ProtocolEnum.HTTP, ElbFixture.forward(tg)).port();

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (!seen.toString().contains("first|")) {
                    int n = in.read(buffer);
                    assertThat(n).as("the first chunk arrives while the target still holds the second").isPositive();
                    seen.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                }
                assertThat(seen.toString()).containsIgnoringCase("transfer-encoding: chunked").doesNotContain("second");
                firstChunkSeen.countDown();
                seen.append(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                assertThat(seen.toString()).contains("second").endsWith("0\r\n\r\n");
            }

            long size = 24L << 20;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[1 << 20];
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n" + size);
            }
        } finally {
            server.stop(0);
        }
    }
}
