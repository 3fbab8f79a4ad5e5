package berth.registry.oci;

import berth.aws.sigv4.SigV4Verifier;
import berth.platform.RootEndpoint;
import berth.registry.content.BlobCollector;
import berth.registry.content.LifecycleRunner;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import java.util.Set;

/**
 * On-demand runs of the registry's background work, for operators and test suites:
 * {@code POST /_berth/registry/gc} (collect unreferenced blobs now) and
 * {@code POST /_berth/registry/lifecycle} (apply every lifecycle policy now). Both need a request
 * signed (SigV4, any service name) by an account's root identity.
 */
public final class RegistryAdminEndpoints {
    private RegistryAdminEndpoints() {}

    public static HttpService of(SigV4Verifier verifier, BlobCollector collector, LifecycleRunner lifecycle) {
        return RootEndpoint.of(verifier, Set.of(HttpMethod.POST), (ctx, req) -> switch (ctx.path()) {
            case "/_berth/registry/gc" -> {
                BlobCollector.Report r = collector.collect();
                yield RootEndpoint.json(HttpStatus.OK, "{\"blobsMarked\":" + r.blobsMarked() + ",\"blobsDeleted\":" + r.blobsDeleted()
                        + ",\"bytesFreed\":" + r.bytesFreed() + ",\"linksRemoved\":" + r.linksRemoved()
                        + ",\"uploadsExpired\":" + r.uploadsExpired() + "}");
            }
            case "/_berth/registry/lifecycle" -> RootEndpoint.json(HttpStatus.OK, "{\"imagesExpired\":" + lifecycle.applyAll() + "}");
            default -> RootEndpoint.error(HttpStatus.NOT_FOUND, "unknown registry operation");
        });
    }
}
