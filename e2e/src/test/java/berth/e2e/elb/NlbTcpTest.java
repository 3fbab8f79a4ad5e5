package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** A network load balancer passes TCP connections through, round robin, to healthy targets. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class NlbTcpTest {
    private final ElasticLoadBalancingV2Client elb;
    private final ElbFixture fixture;

    NlbTcpTest(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.fixture = new ElbFixture(elb);
    }

    @Test
    void bytesPassThroughToHealthyTargetsRoundRobinPerConnection() throws Exception {
        try (TcpEchoServer one = new TcpEchoServer("one"); TcpEchoServer two = new TcpEchoServer("two")) {
            String lb = fixture.networkLoadBalancer("tcp");
            TargetGroup tg = elb.createTargetGroup(r -> r.name("tcp").protocol(ProtocolEnum.TCP).port(7).targetType(TargetTypeEnum.IP)
                    .vpcId("vpc-1").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2)
                    .unhealthyThresholdCount(2)).targetGroups().get(0);
            assertThat(tg.healthCheckProtocolAsString()).isEqualTo("TCP");
            assertThat(tg.healthCheckPort()).isEqualTo("traffic-port");
            assertThat(tg.healthCheckPath()).isNull();
            elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(
                    TargetDescription.builder().id("127.0.0.1").port(one.port()).build(),
                    TargetDescription.builder().id("127.0.0.1").port(two.port()).build()));
            int port = fixture.listener(lb, ProtocolEnum.TCP, ElbFixture.forward(tg.targetGroupArn())).port();
            fixture.awaitState(tg.targetGroupArn(), "healthy", 2, Duration.ofSeconds(10));

            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                String answer = exchange(port, "ping " + i);
                assertThat(answer).endsWith(":ping " + i);
                counts.merge(answer.substring(0, answer.indexOf(':')), 1, Integer::sum);
            }
            assertThat(counts).containsEntry("one", 5).containsEntry("two", 5);

            one.close();
            fixture.awaitState(tg.targetGroupArn(), "unhealthy", 1, Duration.ofSeconds(20));
            for (int i = 0; i < 10; i++) assertThat(exchange(port, "again")).isEqualTo("two:again");
        }
    }

    private static String exchange(int port, String message) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int expected = message.length() + 4;
            int total = 0;
            while (total < expected) {
                int n = in.read(buffer, total, buffer.length - total);
                if (n < 0) break;
                total += n;
            }
            return new String(buffer, 0, total, StandardCharsets.US_ASCII);
        }
    }
}
