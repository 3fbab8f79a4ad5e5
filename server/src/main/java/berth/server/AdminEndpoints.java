package berth.server;

import berth.aws.HttpRequestData;
import berth.aws.sigv4.SigV4Verifier;
import berth.iam.AccountCredentials;
import berth.platform.PlatformModule;
import berth.store.Store;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * berth's own control endpoints for test suites: {@code POST /_berth/reset[?services=ecs,ecr]} and
 * {@code GET|POST /_berth/state} (export, import). Both need a request signed by a root identity,
 * unless unsigned resets are enabled for local test runs ({@code BERTH_ALLOW_UNSIGNED_RESET=1}).
 */
final class AdminEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final long MAX_SNAPSHOT_BYTES = 512L * 1024 * 1024;

    private final Config config;
    private final Store store;
    private final List<PlatformModule> modules;
    private final Resetter resetter;
    private final SigV4Verifier verifier;

    AdminEndpoints(Config config, Store store, List<PlatformModule> modules, Resetter resetter, AccountCredentials accounts,
                   Clock clock) {
        this.config = config;
        this.store = store;
        this.modules = modules;
        this.resetter = resetter;
        this.verifier = new SigV4Verifier(accounts, clock);
    }

    HttpResponse reset(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) return error(HttpStatus.METHOD_NOT_ALLOWED, "use POST");
        return guarded(ctx, req, 1024 * 1024, aggregated -> {
            Set<String> wanted = new LinkedHashSet<>();
            for (String list : QueryParams.fromQueryString(ctx.query()).getAll("services")) {
                for (String name : list.split(",")) if (!name.isBlank()) wanted.add(name.trim());
            }
            try {
                List<String> names = resetter.reset(wanted);
                return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"reset\":"
                        + names.stream().map(n -> "\"" + n + "\"").toList() + "}");
            } catch (IllegalArgumentException e) {
                return error(HttpStatus.BAD_REQUEST, e.getMessage());
            }
        });
    }

    HttpResponse state(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() == HttpMethod.GET) {
            return guarded(ctx, req, 1024 * 1024, aggregated -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                StateSnapshot.export(store, out);
                return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, out.toByteArray());
            });
        }
        if (req.method() == HttpMethod.POST) {
            return guarded(ctx, req, MAX_SNAPSHOT_BYTES, aggregated -> {
                var writes = StateSnapshot.read(new ByteArrayInputStream(aggregated.content().array()));
                for (PlatformModule module : modules) module.reset();
                int count = StateSnapshot.replace(store, writes);
                LOG.info("imported {} records", count);
                return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"imported\":" + count + "}");
            });
        }
        return error(HttpStatus.METHOD_NOT_ALLOWED, "use GET to export or POST to import");
    }

    @FunctionalInterface
    private interface Action {
        HttpResponse run(AggregatedHttpRequest request) throws Exception;
    }

    private HttpResponse guarded(ServiceRequestContext ctx, HttpRequest req, long maxBytes, Action action) {
        ctx.setMaxRequestLength(maxBytes);
        CompletableFuture<HttpResponse> answer = req.aggregate().thenApplyAsync(aggregated -> {
            if (!config.allowUnsignedReset() && !signedByRoot(ctx, aggregated)) {
                return error(HttpStatus.FORBIDDEN, "sign this request with root credentials, "
                        + "or start berth with BERTH_ALLOW_UNSIGNED_RESET=1 for local test runs");
            }
            try {
                return action.run(aggregated);
            } catch (IOException e) {
                return error(HttpStatus.BAD_REQUEST, e.getMessage());
            } catch (Exception e) {
                LOG.error("{} failed", ctx.path(), e);
                return error(HttpStatus.INTERNAL_SERVER_ERROR, e.toString());
            }
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(answer);
    }

    private boolean signedByRoot(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        HttpRequestData data = AwsEndpoint.toRequestData(ctx, req.headers(), req.content().array());
        return verifier.verify(data) instanceof SigV4Verifier.Verified verified && verified.caller().identity().root();
    }

    private static HttpResponse error(HttpStatus status, String message) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8,
                "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
