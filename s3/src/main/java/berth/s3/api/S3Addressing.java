package berth.s3.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which bucket and key a request addresses. Virtual-host style names the bucket in the Host:
 * {@code BUCKET.s3.<anything>} ({@code bucket.s3.localhost:4566}, {@code bucket.s3.us-east-1.amazonaws.com}),
 * {@code BUCKET.localhost}, or {@code BUCKET.<endpoint host>} ({@code bucket.127.0.0.1:4566}); any other
 * Host (an address, {@code localhost}, {@code s3.…}, a name berth does not know) is path style,
 * {@code /BUCKET/KEY}.
 */
final class S3Addressing {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private S3Addressing() {}

    /** Where a request goes: bucket and key, still percent-encoded in the path. */
    record Target(String bucket, String rawKey, boolean virtualHost) {}

    /** The bucket the Host names, or empty for path style. */
    static String hostBucket(String host, String endpointHost) {
        if (host == null || host.isEmpty()) return "";
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) return "";
        int colon = name.lastIndexOf(':');
        if (colon >= 0) name = name.substring(0, colon);
        if (IPV4.matcher(name).matches() || name.equals("localhost") || name.equals(endpointHost) || name.startsWith("s3.")
                || name.startsWith("s3-")) {
            return "";
        }
        int s3 = name.indexOf(".s3.");
        if (s3 < 0) s3 = name.indexOf(".s3-");
        if (s3 > 0) return name.substring(0, s3);
        for (String suffix : new String[] {"." + endpointHost, ".localhost"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) return name.substring(0, name.length() - suffix.length());
        }
        return "";
    }

    static Target resolve(String host, String rawPath, String endpointHost) {
        String bucket = hostBucket(host, endpointHost);
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (!bucket.isEmpty()) return new Target(bucket, path, true);
        int slash = path.indexOf('/');
        if (slash < 0) return new Target(decode(path), "", false);
        return new Target(decode(path.substring(0, slash)), path.substring(slash + 1), false);
    }

    static String decode(String raw) {
        return berth.aws.wire.PercentEncoding.decode(raw, false);
    }
}
