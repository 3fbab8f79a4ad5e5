package berth.s3;

import berth.aws.HttpRequestData;
import berth.aws.sigv4.SigV4Verifier;
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
import java.util.function.IntSupplier;

/** {@code POST /_berth/s3/lifecycle}: applies every bucket's lifecycle rules now, for a root identity's signed request. */
final class S3AdminEndpoints implements HttpService {
    private final SigV4Verifier verifier;
    private final IntSupplier lifecycle;

    S3AdminEndpoints(SigV4Verifier verifier, IntSupplier lifecycle) {
        this.verifier = verifier;
        this.lifecycle = lifecycle;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
        return HttpResponse.of(req.aggregate().thenApplyAsync(aggregated -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            aggregated.headers().forEach((name, value) -> {
                String key = name.toString().toLowerCase(Locale.ROOT);
                if (!key.startsWith(":")) headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            });
            if (aggregated.headers().authority() != null) headers.putIfAbsent("host", List.of(aggregated.headers().authority()));
            HttpRequestData data = new HttpRequestData("POST", ctx.path(), ctx.query() == null ? "" : ctx.query(), headers,
                    aggregated.content().array());
            if (!(verifier.verify(data) instanceof SigV4Verifier.Verified verified) || !verified.caller().identity().root()) {
                return HttpResponse.of(HttpStatus.FORBIDDEN, MediaType.JSON_UTF_8,
                        "{\"error\":\"sign this request (SigV4) with root credentials\"}");
            }
            if (!ctx.path().equals("/_berth/s3/lifecycle")) {
                return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.JSON_UTF_8, "{\"error\":\"unknown s3 operation\"}");
            }
            return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"expired\":" + lifecycle.getAsInt() + "}");
        }, ctx.blockingTaskExecutor()));
    }
}
