package berth.e2e.elb;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The {@code aws elbv2} command line (v1 and v2) builds a working load balancer. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "elb")
class ElbCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    @AutoClose
    private final HttpTargets targets = new HttpTargets();

    ElbCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    private JsonNode run(AwsCli cli, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("elbv2"));
        all.addAll(List.of(args));
        AwsCli.Result r = cli.run(endpoint, "test", "test", all.toArray(String[]::new));
        assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    @Test
    void theCliCreatesALoadBalancerThatServesRequests() throws Exception {
        int n = 0;
        for (AwsCli cli : AwsCli.installed()) {
            n++;
            var a = targets.start("a" + n);
            var b = targets.start("b" + n);
            String lb = run(cli, "create-load-balancer", "--name", "cli" + n, "--subnets", "subnet-1", "subnet-2")
                    .at("/LoadBalancers/0/LoadBalancerArn").asText();
            String tg = run(cli, "create-target-group", "--name", "cli" + n, "--protocol", "HTTP", "--port", "80",
                    "--target-type", "ip", "--vpc-id", "vpc-1", "--health-check-path", "/health",
                    "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "2", "--matcher", "HttpCode=200-299")
                    .at("/TargetGroups/0/TargetGroupArn").asText();
            run(cli, "register-targets", "--target-group-arn", tg, "--targets",
                    "Id=127.0.0.1,Port=" + a.port(), "Id=127.0.0.1,Port=" + b.port());
            int port = Http.freePort();
            String listener = run(cli, "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port",
                    Integer.toString(port), "--default-actions", "Type=forward,TargetGroupArn=" + tg)
                    .at("/Listeners/0/ListenerArn").asText();
            run(cli, "create-rule", "--listener-arn", listener, "--priority", "1", "--conditions",
                    "[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/teapot\"]}}]", "--actions",
                    "[{\"Type\":\"fixed-response\",\"FixedResponseConfig\":{\"StatusCode\":\"418\",\"ContentType\":\"text/plain\",\"MessageBody\":\"short and stout\"}}]");

            assertThat(Http.get(port, "/x").body()).matches("[ab]" + n + " GET /x");
            assertThat(Http.get(port, "/teapot").statusCode()).isEqualTo(418);
            JsonNode health = run(cli, "describe-target-health", "--target-group-arn", tg);
            assertThat(health.at("/TargetHealthDescriptions").size()).isEqualTo(2);
            assertThat(run(cli, "describe-rules", "--listener-arn", listener).at("/Rules/1/IsDefault").asBoolean()).isTrue();
            JsonNode attributes = run(cli, "describe-target-group-attributes", "--target-group-arn", tg);
            assertThat(attributes.at("/Attributes").toString()).contains("deregistration_delay.timeout_seconds");

            run(cli, "delete-listener", "--listener-arn", listener);
            assertThat(portClosed(port)).isTrue();
            run(cli, "delete-target-group", "--target-group-arn", tg);
            run(cli, "delete-load-balancer", "--load-balancer-arn", lb);
            assertThat(run(cli, "describe-load-balancers").at("/LoadBalancers").size()).isZero();
        }
        assertThat(n).as("aws CLIs found").isPositive();
    }

    private static boolean portClosed(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
