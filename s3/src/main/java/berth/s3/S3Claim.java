package berth.s3;

import berth.platform.RequestClaim;
import com.linecorp.armeria.common.RequestHeaders;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which requests on berth's one endpoint are S3's: those signed for service {@code s3} (SigV4 in the
 * Authorization header or presigned in the query; SigV2, which only S3 ever spoke), those whose Host
 * names a bucket ({@code bucket.s3.…}, or {@code bucket.localhost} / {@code bucket.<endpoint host>}
 * for an existing bucket), and unsigned requests for an existing bucket's path (public reads, CORS
 * preflights) outside other services' paths ({@code /v2/}, {@code /_berth/}).
 */
final class S3Claim implements RequestClaim {
    private final Supplier<Set<String>> buckets;
    private final String endpointHost;

    S3Claim(Supplier<Set<String>> buckets, String endpointHost) {
        this.buckets = buckets;
        this.endpointHost = endpointHost;
    }

    @Override
    public boolean claims(RequestHeaders headers) {
        if (headers.contains("x-amz-target")) return false;
        String authorization = headers.get("authorization");
        if (authorization != null) {
            if (authorization.startsWith("AWS ")) return true;
            int credential = authorization.indexOf("Credential=");
            if (credential >= 0) {
                String[] scope = authorization.substring(credential + 11).split("[,\\s]")[0].split("/");
                return scope.length == 5 && scope[3].equals("s3");
            }
            return false;
        }
        String path = headers.path();
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        if (query.contains("X-Amz-Credential=")) {
            return query.contains("%2Fs3%2Faws4_request") || query.contains("/s3/aws4_request");
        }
        if (query.contains("AWSAccessKeyId=") && query.contains("Signature=")) return true;
        if (query.startsWith("Action=") || query.contains("&Action=")) return false;
        String contentType = headers.get("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        String host = headers.authority() == null ? "" : headers.authority().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0) host = host.substring(0, colon);
        if (host.contains(".dkr.ecr.")) return false;
        if (host.contains(".s3.") || host.contains(".s3-")) return true;
        Set<String> known = buckets.get();
        for (String suffix : new String[] {".localhost", "." + endpointHost}) {
            if (host.endsWith(suffix) && known.contains(host.substring(0, host.length() - suffix.length()))) return true;
        }
        String rawPath = q < 0 ? path : path.substring(0, q);
        if (rawPath.startsWith("/v2/") || rawPath.equals("/v2") || rawPath.startsWith("/_berth/")) return false;
        String first = rawPath.length() > 1 ? rawPath.substring(1).split("/", 2)[0] : "";
        return !first.isEmpty() && known.contains(first);
    }
}
