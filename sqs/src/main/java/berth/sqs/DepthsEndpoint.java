package berth.sqs;

import berth.aws.HttpRequestData;
import berth.aws.sigv4.SigV4Verifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /_berth/sqs/depths}: every queue's {@link QueueDepths.Depth} as JSON, to a root identity's signed request. */
final class DepthsEndpoint implements HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigV4Verifier verifier;
    private final QueueDepths depths;

    DepthsEndpoint(SigV4Verifier verifier, QueueDepths depths) {
        this.verifier = verifier;
        this.depths = depths;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.GET) return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
        return HttpResponse.of(req.aggregate().thenApplyAsync(aggregated -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            aggregated.headers().forEach((name, value) -> {
                String key = name.toString().toLowerCase(Locale.ROOT);
                if (!key.startsWith(":")) headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            });
            if (aggregated.headers().authority() != null) headers.putIfAbsent("host", List.of(aggregated.headers().authority()));
            HttpRequestData data = new HttpRequestData("GET", ctx.path(), ctx.query() == null ? "" : ctx.query(), headers,
                    aggregated.content().array());
            if (!(verifier.verify(data) instanceof SigV4Verifier.Verified verified) || !verified.caller().identity().root()) {
                return HttpResponse.of(HttpStatus.FORBIDDEN, MediaType.JSON_UTF_8,
                        "{\"error\":\"sign this request (SigV4) with root credentials\"}");
            }
            try {
                return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, JSON.writeValueAsString(Map.of("queues", depths.all())));
            } catch (java.io.IOException e) {
                return HttpResponse.of(HttpStatus.INTERNAL_SERVER_ERROR);
            }
        }, ctx.blockingTaskExecutor()));
    }
}
