package berth.s3.api;

import berth.s3.core.Bucket;
import berth.s3.core.CorsRule;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** CORS: preflight OPTIONS answered from the bucket's rules, and the CORS headers of actual requests. */
final class CorsAnswers {
    private CorsAnswers() {}

    static HttpResponse preflight(S3Call call, Optional<Bucket> bucket) {
        String origin = call.header("origin");
        String method = call.header("access-control-request-method");
        if (origin.isEmpty() || method.isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("Insufficient information. Origin request header needed.");
        }
        Bucket found = bucket.orElseThrow(() -> S3Errors.noSuchBucket(call.bucket()));
        if (found.cors().isEmpty()) {
            throw S3Errors.ACCESS_FORBIDDEN.exception("CORSResponse: CORS is not enabled for this bucket.",
                    "Method", method, "ResourceType", "BUCKET");
        }
        List<String> headers = Arrays.stream(call.header("access-control-request-headers").split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        CorsRule rule = CorsRule.first(found.cors(), origin, method, headers).orElseThrow(() ->
                S3Errors.ACCESS_FORBIDDEN.exception("CORSResponse: This CORS request is not allowed. This is usually because"
                        + " the evalution of Origin, request method / Access-Control-Request-Method or"
                        + " Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
                        "Method", method, "ResourceType", "OBJECT"));
        ResponseHeadersBuilder out = S3Responses.headers(200, call);
        allow(out, rule, origin);
        out.add("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!headers.isEmpty()) out.add("Access-Control-Allow-Headers", String.join(", ", headers));
        if (rule.maxAgeSeconds() >= 0) out.add("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
        return HttpResponse.of(out.contentLength(0).build());
    }

    /** The CORS headers an actual request gets when its Origin and method match a rule. */
    static void decorate(ResponseHeadersBuilder out, S3Call call, Optional<Bucket> bucket) {
        String origin = call.header("origin");
        if (origin.isEmpty() || bucket.isEmpty() || bucket.get().cors().isEmpty()) return;
        CorsRule.first(bucket.get().cors(), origin, call.method(), List.of()).ifPresent(rule -> {
            allow(out, rule, origin);
            out.add("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        });
    }

    private static void allow(ResponseHeadersBuilder out, CorsRule rule, String origin) {
        boolean any = rule.allowedOrigins().contains("*");
        out.set("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) out.set("Access-Control-Allow-Credentials", "true");
        out.set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        if (!rule.exposeHeaders().isEmpty()) out.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
}
