package berth.s3.core;

import java.util.List;
import java.util.Locale;

/** One CORS rule of a bucket; {@code maxAgeSeconds} is -1 when not set. */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, int maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether this rule lets {@code origin} use {@code method} with {@code requestHeaders} (lower case). */
    public boolean allows(String origin, String method, List<String> requestHeaders) {
        if (allowedOrigins.stream().noneMatch(pattern -> wildcard(pattern, origin))) return false;
        if (!allowedMethods.contains(method)) return false;
        for (String header : requestHeaders) {
            if (allowedHeaders.stream().noneMatch(pattern -> wildcard(pattern.toLowerCase(Locale.ROOT), header))) return false;
        }
        return true;
    }

    /** The first rule allowing the request, as S3 picks it. */
    public static java.util.Optional<CorsRule> first(List<CorsRule> rules, String origin, String method, List<String> headers) {
        return rules.stream().filter(r -> r.allows(origin, method, headers)).findFirst();
    }

    /** S3's CORS patterns: at most one {@code *}, matching any run of characters. */
    static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(value);
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }
}
