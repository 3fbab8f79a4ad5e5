package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;

class InProcessCallsTest {
    private static final Caller ROOT = new Caller(new Identity("111122223333", "arn:aws:iam::111122223333:root",
            "111122223333", true), "AKIAROOT", "eu-west-1", "ecs");
    private static final Caller ROLE = new Caller(new Identity("111122223333",
            "arn:aws:sts::111122223333:assumed-role/events/rule", "AROA1:rule", false), "ASIAROLE", "eu-west-1", "ecs");

    private final AtomicReference<SdkPojo> seen = new AtomicReference<>();
    private final List<String> asked = new ArrayList<>();
    private final Authorizer refusing = (caller, service, operation, request) -> {
        asked.add(service.signingName() + ":" + operation + " by " + caller.identity().arn());
        throw new AwsException(400, "AccessDeniedException", "no");
    };
    private final InProcessCalls calls = new InProcessCalls(new TestServices(seen).ecs(), () -> refusing);

    @Test
    void decodesTheJsonInputAndAnswersTheOutputAsJson() {
        JsonNode out = calls.call(ROOT, "CreateCluster", "{\"clusterName\":\"c1\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}");

        assertThat(((CreateClusterRequest) seen.get()).tags().get(0).value()).isEqualTo("v");
        assertThat(out.path("cluster").path("clusterArn").asText()).isEqualTo("arn:aws:ecs:eu-west-1:111122223333:cluster/c1");
        assertThat(asked).isEmpty();
    }

    @Test
    void asksTheAuthorizerForNonRootCallersBeforeTheHandlerRuns() {
        assertThatThrownBy(() -> calls.call(ROLE, "CreateCluster", "{\"clusterName\":\"c2\"}"))
                .isInstanceOf(AwsException.class).hasMessage("no");

        assertThat(asked).containsExactly("ecs:CreateCluster by arn:aws:sts::111122223333:assumed-role/events/rule");
        assertThat(seen.get()).isNull();
    }

    @Test
    void refusesInputOfTheWrongShapeAsTheWireDoes() {
        assertThatThrownBy(() -> calls.call(ROOT, "CreateCluster", "{\"clusterName\":[1]}"))
                .isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> calls.call(ROOT, "CreateCluster", "not json"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
