package berth.server;

import berth.aws.sigv4.SigV4Verifier;
import berth.iam.AccountCredentials;
import berth.platform.PlatformModule;
import berth.platform.RootEndpoint;
import berth.store.Store;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * berth's own control endpoints for test suites: {@code POST /_berth/reset[?services=ecs,ecr]} and
 * {@code GET|POST /_berth/state} (export, import). Both need a request signed by a root identity,
 * unless unsigned resets are enabled for local test runs ({@code BERTH_ALLOW_UNSIGNED_RESET=1}).
 */
final class AdminEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final long MAX_SNAPSHOT_BYTES = 512L * 1024 * 1024;
    private static final String UNSIGNED_HINT = ", or start berth with BERTH_ALLOW_UNSIGNED_RESET=1 for local test runs";

    private final Store store;
    private final List<PlatformModule> modules;
    private final Resetter resetter;
    private final SigV4Verifier verifier;
    private final boolean unsignedAllowed;

    AdminEndpoints(Config config, Store store, List<PlatformModule> modules, Resetter resetter, AccountCredentials accounts,
                   Clock clock) {
        this.store = store;
        this.modules = modules;
        this.resetter = resetter;
        this.verifier = new SigV4Verifier(accounts, clock);
        this.unsignedAllowed = config.allowUnsignedReset();
    }

    HttpService reset() {
        return RootEndpoint.of(verifier, Set.of(HttpMethod.POST), (ctx, req) -> {
            Set<String> wanted = new LinkedHashSet<>();
            for (String list : QueryParams.fromQueryString(ctx.query()).getAll("services")) {
                for (String name : list.split(",")) if (!name.isBlank()) wanted.add(name.trim());
            }
            List<String> names = resetter.reset(wanted);
            return RootEndpoint.json(HttpStatus.OK, "{\"reset\":" + names.stream().map(n -> "\"" + n + "\"").toList() + "}");
        }).unsigned(unsignedAllowed, UNSIGNED_HINT);
    }

    HttpService state() {
        return RootEndpoint.of(verifier, Set.of(HttpMethod.GET, HttpMethod.POST), (ctx, req) -> {
            if (req.method() == HttpMethod.GET) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                StateSnapshot.export(store, out);
                return HttpResponse.of(HttpStatus.OK, com.linecorp.armeria.common.MediaType.JSON_UTF_8, out.toByteArray());
            }
            var writes = StateSnapshot.read(new ByteArrayInputStream(req.content().array()));
            for (PlatformModule module : modules) module.reset();
            int count = StateSnapshot.replace(store, writes);
            LOG.info("imported {} records", count);
            return RootEndpoint.json(HttpStatus.OK, "{\"imported\":" + count + "}");
        }).maxBytes(MAX_SNAPSHOT_BYTES).unsigned(unsignedAllowed, UNSIGNED_HINT);
    }
}
