package berth.s3;

import berth.aws.sigv4.SigV4Verifier;
import berth.platform.RootEndpoint;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import java.util.Set;
import java.util.function.IntSupplier;

/** {@code POST /_berth/s3/lifecycle}: applies every bucket's lifecycle rules now, for a root identity's signed request. */
final class S3AdminEndpoints {
    private S3AdminEndpoints() {}

    static HttpService of(SigV4Verifier verifier, IntSupplier lifecycle) {
        return RootEndpoint.of(verifier, Set.of(HttpMethod.POST), (ctx, req) -> ctx.path().equals("/_berth/s3/lifecycle")
                ? RootEndpoint.json(HttpStatus.OK, "{\"expired\":" + lifecycle.getAsInt() + "}")
                : RootEndpoint.error(HttpStatus.NOT_FOUND, "unknown s3 operation"));
    }
}
