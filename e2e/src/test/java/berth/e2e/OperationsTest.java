package berth.e2e;

import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics and the answer for operations berth does not implement. */
@BerthTest
class OperationsTest {
    private final URI endpoint;
    private final RawAws raw;

    OperationsTest(URI endpoint) {
        this.endpoint = endpoint;
        this.raw = new RawAws(endpoint);
    }

    @Test
    void healthReportsReadyServicesAndVersion() throws Exception {
        RawAws.Answer health = raw.unsigned("GET", "/_berth/health", Map.of(), new byte[0]);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ready\"").contains("\"version\":\"")
                .contains("\"iam\":\"running\"").contains("\"ecs\":\"running\"");
    }

    @Test
    void metricsCountRequestsPerServiceAndOperation() throws Exception {
        try (var sts = Clients.sts(endpoint, "test", "test", "us-east-1")) {
            sts.getCallerIdentity();
            sts.getCallerIdentity();
        }
        RawAws.Answer metrics = raw.unsigned("GET", "/_berth/metrics", Map.of(), new byte[0]);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern(
                "berth_requests_seconds_count\\{[^}]*operation=\"GetCallerIdentity\"[^}]*service=\"sts\"[^}]*status=\"200\"[^}]*} [2-9]");
    }

    @Test
    void unimplementedOperationNamesItself() throws Exception {
        RawAws.Answer answer = raw.signed("POST", "/", RawAws.json11("AmazonEC2ContainerServiceV20141113.CreateTaskSet"),
                "{\"service\":\"s\",\"cluster\":\"c\",\"taskDefinition\":\"t\"}".getBytes(StandardCharsets.UTF_8),
                "ecs", "us-east-1", "test", "test");
        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.body()).contains("CreateTaskSet");
        assertThat(answer.header("x-amzn-ErrorType")).isNotEmpty();
    }
}
