package berth.platform;

import berth.aws.sigv4.SigV4Verifier;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of berth's own operator endpoints under {@code /_berth/}: the request is aggregated (up to a size),
 * must be signed (SigV4, any service name) by an account's root identity, and its action runs on a
 * blocking thread. Answers are JSON: {@code {"error": ...}} with 403 for an unsigned or non-root request,
 * 405 for another method, 400 for an action's {@link IOException} or {@link IllegalArgumentException}.
 */
public final class RootEndpoint implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(RootEndpoint.class);

    @FunctionalInterface
    public interface Action {
        HttpResponse run(ServiceRequestContext ctx, AggregatedHttpRequest request) throws Exception;
    }

    private final SigV4Verifier verifier;
    private final Set<HttpMethod> methods;
    private final long maxBytes;
    private final boolean unsignedAllowed;
    private final String unsignedHint;
    private final Action action;

    private RootEndpoint(SigV4Verifier verifier, Set<HttpMethod> methods, long maxBytes, boolean unsignedAllowed,
                         String unsignedHint, Action action) {
        this.verifier = verifier;
        this.methods = methods;
        this.maxBytes = maxBytes;
        this.unsignedAllowed = unsignedAllowed;
        this.unsignedHint = unsignedHint;
        this.action = action;
    }

    /** An endpoint taking {@code methods}, with request bodies up to 1 MiB. */
    public static RootEndpoint of(SigV4Verifier verifier, Set<HttpMethod> methods, Action action) {
        return new RootEndpoint(verifier, methods, 1024 * 1024, false, "", action);
    }

    public RootEndpoint maxBytes(long bytes) {
        return new RootEndpoint(verifier, methods, bytes, unsignedAllowed, unsignedHint, action);
    }

    /** Lets unsigned requests through when {@code allowed} (local test runs), naming in refusals how to allow them. */
    public RootEndpoint unsigned(boolean allowed, String hint) {
        return new RootEndpoint(verifier, methods, maxBytes, allowed, hint, action);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (!methods.contains(req.method())) {
            return error(HttpStatus.METHOD_NOT_ALLOWED, "use " + String.join(" or ", methods.stream().map(HttpMethod::name).sorted().toList()));
        }
        ctx.setMaxRequestLength(maxBytes);
        return HttpResponse.of(req.aggregate().thenApplyAsync(aggregated -> {
            if (!unsignedAllowed && !signedByRoot(ctx, aggregated)) {
                return error(HttpStatus.FORBIDDEN, "sign this request (SigV4) with root credentials" + unsignedHint);
            }
            try {
                return action.run(ctx, aggregated);
            } catch (IOException | IllegalArgumentException e) {
                return error(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
            } catch (Exception e) {
                LOG.error("{} failed", ctx.path(), e);
                return error(HttpStatus.INTERNAL_SERVER_ERROR, e.toString());
            }
        }, ctx.blockingTaskExecutor()));
    }

    private boolean signedByRoot(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        return verifier.verify(SignedRequests.of(ctx, req.headers(), req.content().array())) instanceof SigV4Verifier.Verified v
                && v.caller().identity().root();
    }

    /** A JSON answer {@code {"error": message}}. */
    public static HttpResponse error(HttpStatus status, String message) {
        return json(status, "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    public static HttpResponse json(HttpStatus status, String json) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8, json);
    }
}
