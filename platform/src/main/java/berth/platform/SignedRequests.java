package berth.platform;

import berth.aws.HttpRequestData;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP request as berth's SigV4 verifier reads it, built one way for every endpoint that verifies signatures. */
public final class SignedRequests {
    private SignedRequests() {}

    /** The request's headers with lower-case names, pseudo-headers left out, and {@code host} from the authority if absent. */
    public static Map<String, List<String>> headers(RequestHeaders headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String key = name.toString().toLowerCase(Locale.ROOT);
            if (!key.startsWith(":")) lower.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        });
        if (headers.authority() != null && !lower.containsKey("host")) lower.put("host", List.of(headers.authority()));
        return lower;
    }

    /** The request with its raw (still percent-encoded) path, its query and its body. */
    public static HttpRequestData of(ServiceRequestContext ctx, RequestHeaders headers, byte[] body) {
        String rawPath = ctx.rawPath();
        int q = rawPath.indexOf('?');
        return new HttpRequestData(headers.method().name(), q < 0 ? rawPath : rawPath.substring(0, q),
                ctx.query() == null ? "" : ctx.query(), headers(headers), body);
    }
}
