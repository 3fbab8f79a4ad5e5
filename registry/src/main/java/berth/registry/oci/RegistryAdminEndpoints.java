package berth.registry.oci;

import berth.aws.HttpRequestData;
import berth.aws.sigv4.SigV4Verifier;
import berth.registry.content.BlobCollector;
import berth.registry.content.LifecycleRunner;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * On-demand runs of the registry's background work, for operators and test suites:
 * {@code POST /_berth/registry/gc} (collect unreferenced blobs now) and
 * {@code POST /_berth/registry/lifecycle} (apply every lifecycle policy now). Both need a request
 * signed (SigV4, any service name) by an account's root identity.
 */
public final class RegistryAdminEndpoints implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAdminEndpoints.class);

    private final SigV4Verifier verifier;
    private final BlobCollector collector;
    private final LifecycleRunner lifecycle;

    public RegistryAdminEndpoints(SigV4Verifier verifier, BlobCollector collector, LifecycleRunner lifecycle) {
        this.verifier = verifier;
        this.collector = collector;
        this.lifecycle = lifecycle;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) return answer(HttpStatus.METHOD_NOT_ALLOWED, "{\"error\":\"use POST\"}");
        ctx.setMaxRequestLength(1024 * 1024);
        return HttpResponse.of(req.aggregate().thenApplyAsync(aggregated -> {
            if (!signedByRoot(ctx, aggregated)) {
                return answer(HttpStatus.FORBIDDEN, "{\"error\":\"sign this request (SigV4) with root credentials\"}");
            }
            try {
                return switch (ctx.path()) {
                    case "/_berth/registry/gc" -> {
                        BlobCollector.Report r = collector.collect();
                        yield answer(HttpStatus.OK, "{\"blobsMarked\":" + r.blobsMarked() + ",\"blobsDeleted\":" + r.blobsDeleted()
                                + ",\"bytesFreed\":" + r.bytesFreed() + ",\"linksRemoved\":" + r.linksRemoved()
                                + ",\"uploadsExpired\":" + r.uploadsExpired() + "}");
                    }
                    case "/_berth/registry/lifecycle" -> answer(HttpStatus.OK, "{\"imagesExpired\":" + lifecycle.applyAll() + "}");
                    default -> answer(HttpStatus.NOT_FOUND, "{\"error\":\"unknown registry operation\"}");
                };
            } catch (Exception e) {
                LOG.error("{} failed", ctx.path(), e);
                return answer(HttpStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        }, ctx.blockingTaskExecutor()));
    }

    private boolean signedByRoot(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach((name, value) -> {
            String key = name.toString().toLowerCase(Locale.ROOT);
            if (!key.startsWith(":")) headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        });
        if (req.headers().authority() != null) headers.putIfAbsent("host", List.of(req.headers().authority()));
        String rawPath = ctx.rawPath();
        int q = rawPath.indexOf('?');
        HttpRequestData data = new HttpRequestData("POST", q < 0 ? rawPath : rawPath.substring(0, q),
                ctx.query() == null ? "" : ctx.query(), headers, req.content().array());
        return verifier.verify(data) instanceof SigV4Verifier.Verified verified && verified.caller().identity().root();
    }

    private static HttpResponse answer(HttpStatus status, String json) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8, json);
    }
}
