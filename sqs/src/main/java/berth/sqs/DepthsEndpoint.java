package berth.sqs;

import berth.aws.sigv4.SigV4Verifier;
import berth.platform.RootEndpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import java.util.Map;
import java.util.Set;

/** {@code GET /_berth/sqs/depths}: every queue's {@link QueueDepths.Depth} as JSON, to a root identity's signed request. */
final class DepthsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DepthsEndpoint() {}

    static HttpService of(SigV4Verifier verifier, QueueDepths depths) {
        return RootEndpoint.of(verifier, Set.of(HttpMethod.GET),
                (ctx, req) -> RootEndpoint.json(HttpStatus.OK, JSON.writeValueAsString(Map.of("queues", depths.all()))));
    }
}
