package berth.server;

import berth.aws.AwsDispatcher;
import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.platform.SignedRequests;
import berth.aws.HttpResponseData;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Every AWS API request enters here: the body is read (up to the configured limit), handed to the
 * dispatcher on a blocking thread (handlers touch the store), and the answer written back. Bodies
 * over the limit get an AWS-shaped 413 without being read further.
 */
final class AwsEndpoint implements HttpService {
    private static final Logger REQUEST_LOG = LoggerFactory.getLogger("berth.request");
    /** Beyond this many bytes an oversized body is not drained; the connection is reset instead. */
    private static final long MAX_DRAIN_BYTES = 256L * 1024 * 1024;

    private final RequestMetrics metrics;
    private final long maxBodyBytes;
    private volatile AwsDispatcher dispatcher;

    AwsEndpoint(RequestMetrics metrics, long maxBodyBytes) {
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Starts answering AWS calls with {@code ready}; until then they get 503. */
    void serve(AwsDispatcher ready) {
        this.dispatcher = ready;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        long started = System.nanoTime();
        if (dispatcher == null) {
            return HttpResponse.of(com.linecorp.armeria.common.HttpStatus.SERVICE_UNAVAILABLE,
                    com.linecorp.armeria.common.MediaType.JSON_UTF_8,
                    "{\"__type\":\"ServiceUnavailableException\",\"message\":\"berth is starting\"}");
        }
        ctx.setMaxRequestLength(maxBodyBytes);
        long declared = req.headers().contentLength();
        if (declared > maxBodyBytes) {
            // read and drop the body so the client sees the 413 rather than a reset connection
            ctx.setMaxRequestLength(Math.max(declared, maxBodyBytes) + 1);
            HttpResponseData tooLarge = reject(ctx, req, new byte[0]);
            return HttpResponse.of(BodyDrain.drain(req, ctx, MAX_DRAIN_BYTES)
                    .thenApply(ignored -> finish(tooLarge, started)));
        }
        CompletableFuture<HttpResponse> answer = req.aggregate()
                .thenApplyAsync(aggregated -> dispatch(ctx, aggregated, started), ctx.blockingTaskExecutor())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof ContentTooLargeException) {
                        return finish(reject(ctx, req, new byte[0]), started);
                    }
                    throw new CompletionException(cause);
                });
        return HttpResponse.of(answer);
    }

    private HttpResponse dispatch(ServiceRequestContext ctx, AggregatedHttpRequest req, long started) {
        HttpRequestData request = SignedRequests.of(ctx, req.headers(), req.content().array());
        AwsDispatcher.Dispatched dispatched = dispatcher.dispatch(request);
        metrics.record(dispatched.service(), dispatched.operation(), dispatched.response().status(), System.nanoTime() - started);
        if (REQUEST_LOG.isDebugEnabled()) {
            REQUEST_LOG.debug("request method={} path={} service={} operation={} status={} micros={}",
                    request.method(), request.path(), dispatched.service(), dispatched.operation(),
                    dispatched.response().status(), (System.nanoTime() - started) / 1000);
        }
        return toResponse(dispatched.response());
    }

    private HttpResponseData reject(ServiceRequestContext ctx, HttpRequest req, byte[] body) {
        HttpRequestData request = SignedRequests.of(ctx, req.headers(), body);
        return dispatcher.reject(request, new AwsException(413, "RequestEntityTooLarge",
                "Request body exceeds the maximum size of " + maxBodyBytes + " bytes"));
    }

    private HttpResponse finish(HttpResponseData response, long started) {
        metrics.record("unknown", "unknown", response.status(), System.nanoTime() - started);
        return toResponse(response);
    }

    static HttpResponse toResponse(HttpResponseData response) {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.valueOf(response.status()));
        String contentType = null;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                contentType = header.getValue();
            } else if (!header.getKey().equalsIgnoreCase("content-length")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (contentType != null) {
            headers.contentType(com.linecorp.armeria.common.MediaType.parse(contentType));
        }
        return HttpResponse.of(headers.build(), HttpData.wrap(response.body()));
    }
}
