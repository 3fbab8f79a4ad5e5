package berth.aws.sigv4;

import berth.aws.wire.PercentEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 canonical request and the arithmetic around it, exactly as AWS defines them: canonical
 * URI, query string sorted with AWS percent-encoding, trimmed and space-folded header values, the
 * string to sign and the derived signing key.
 */
final class CanonicalRequest {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private CanonicalRequest() {}

    /**
     * The canonical URIs a client may have signed for a path: every service but S3 normalises the
     * path and encodes the already-encoded path once more; S3-style clients sign the path as sent.
     */
    static List<String> canonicalUris(String rawPath) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        String normalized = normalize(path);
        String doubleEncoded = PercentEncoding.encodeKeepingSlashes(normalized);
        return doubleEncoded.equals(path) ? List.of(doubleEncoded) : List.of(doubleEncoded, path);
    }

    private static String normalize(String path) {
        try {
            String normalized = URI.create("http://host" + path).normalize().getRawPath();
            if (normalized == null || normalized.isEmpty()) {
                return "/";
            }
            if (path.endsWith("/") && !normalized.endsWith("/")) {
                normalized = normalized + "/";
            }
            return normalized;
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    /** Query parameters (already decoded) re-encoded and sorted; the presigned signature itself is left out. */
    static String canonicalQuery(List<Map.Entry<String, String>> query, boolean presigned) {
        List<String> encoded = new ArrayList<>(query.size());
        for (Map.Entry<String, String> entry : query) {
            if (presigned && entry.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            encoded.add(PercentEncoding.encode(entry.getKey()) + "=" + PercentEncoding.encode(entry.getValue()));
        }
        encoded.sort((a, b) -> {
            int nameA = a.indexOf('='), nameB = b.indexOf('=');
            int byName = a.substring(0, nameA).compareTo(b.substring(0, nameB));
            return byName != 0 ? byName : a.substring(nameA + 1).compareTo(b.substring(nameB + 1));
        });
        return String.join("&", encoded);
    }

    static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(foldSpaces(values.get(i).trim()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String foldSpaces(String value) {
        return value.indexOf("  ") < 0 ? value : value.replaceAll(" {2,}", " ");
    }

    static String build(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                        List<String> signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + String.join(";", signedHeaders) + '\n' + payloadHash;
    }

    static String stringToSign(String requestTime, String scope, String canonicalRequest) {
        return SignatureClaim.ALGORITHM + '\n' + requestTime + '\n' + scope + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static String signature(byte[] signingKey, String stringToSign) {
        return HexFormat.of().formatHex(hmac(signingKey, stringToSign));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
