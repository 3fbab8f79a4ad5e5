package berth.s3.api;

import berth.aws.Caller;
import berth.aws.CredentialSource;
import berth.aws.SigningKey;
import com.linecorp.armeria.common.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3's Signature Version 2, which AWS CLI v1 still uses for {@code aws s3 presign} URLs
 * ({@code AWSAccessKeyId}, {@code Expires}, {@code Signature}) and old clients use in
 * {@code Authorization: AWS key:signature}: HMAC-SHA1 over the method, Content-MD5, Content-Type, the
 * date (or expiry), the {@code x-amz-} headers and the resource with its sub-resources.
 */
final class SigV2 {
    private static final Set<String> SUBRESOURCES = Set.of("acl", "cors", "delete", "lifecycle", "location", "logging",
            "notification", "partNumber", "policy", "requestPayment", "tagging", "torrent", "uploadId", "uploads",
            "versionId", "versioning", "versions", "website", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "response-content-language", "response-content-type", "response-expires");

    private SigV2() {}

    static boolean presigned(Map<String, List<String>> query) {
        return query.containsKey("AWSAccessKeyId") && query.containsKey("Signature");
    }

    static boolean inHeader(String authorization) {
        return authorization.startsWith("AWS ") && authorization.indexOf(':') > 4;
    }

    /**
     * Verifies a SigV2 request; the caller acts in {@code region} (SigV2 names none).
     *
     * @param resourcePath {@code /bucket/key} as sent (virtual-host requests: the bucket put in front)
     */
    static Caller verify(RequestHeaders headers, String method, String resourcePath, Map<String, List<String>> query,
                         CredentialSource credentials, Clock clock, String region) {
        boolean presigned = presigned(query);
        String accessKey;
        String signature;
        String date;
        String token;
        if (presigned) {
            accessKey = first(query, "AWSAccessKeyId");
            signature = first(query, "Signature");
            date = first(query, "Expires");
            token = first(query, "x-amz-security-token");
            long expires;
            try {
                expires = Long.parseLong(date);
            } catch (NumberFormatException e) {
                throw S3Errors.ACCESS_DENIED.exception("Invalid date (should be seconds since epoch): " + date);
            }
            if (clock.millis() / 1000 > expires) throw S3Errors.ACCESS_DENIED.exception("Request has expired");
        } else {
            String authorization = headers.get("authorization");
            int colon = authorization.indexOf(':');
            accessKey = authorization.substring(4, colon).strip();
            signature = authorization.substring(colon + 1).strip();
            date = headers.contains("x-amz-date") ? "" : Optional.ofNullable(headers.get("date")).orElse("");
            token = Optional.ofNullable(headers.get("x-amz-security-token")).orElse("");
        }
        SigningKey key = credentials.find(accessKey).orElseThrow(() -> S3Errors.INVALID_ACCESS_KEY_ID.exception(
                "The AWS Access Key Id you provided does not exist in our records.", "AWSAccessKeyId", accessKey));
        if (!MessageDigest.isEqual(key.sessionToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw S3Errors.INVALID_TOKEN.exception("The provided token is malformed or otherwise invalid.");
        }
        if (clock.millis() > key.expiresAtEpochMillis()) {
            throw S3Errors.EXPIRED_TOKEN.exception("The provided token has expired.");
        }
        String toSign = method + "\n" + value(headers, "content-md5") + "\n" + value(headers, "content-type") + "\n" + date
                + "\n" + amzHeaders(headers) + resourcePath + subresources(query);
        String expected = hmacSha1(key.secretAccessKey(), toSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            throw S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method.", "StringToSign", toSign);
        }
        return new Caller(key.identity(), accessKey, region, "s3");
    }

    private static String amzHeaders(RequestHeaders headers) {
        TreeMap<String, StringBuilder> amz = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toString().toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                StringBuilder joined = amz.computeIfAbsent(lower, n -> new StringBuilder());
                if (!joined.isEmpty()) joined.append(',');
                joined.append(value.strip());
            }
        });
        StringBuilder out = new StringBuilder();
        amz.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    private static String subresources(Map<String, List<String>> query) {
        TreeMap<String, String> kept = new TreeMap<>();
        query.forEach((name, values) -> {
            if (SUBRESOURCES.contains(name)) kept.put(name, values.isEmpty() ? "" : values.get(0));
        });
        if (kept.isEmpty()) return "";
        StringBuilder out = new StringBuilder("?");
        kept.forEach((name, value) -> {
            if (out.length() > 1) out.append('&');
            out.append(name);
            if (!value.isEmpty()) out.append('=').append(value);
        });
        return out.toString();
    }

    private static String value(RequestHeaders headers, String name) {
        String value = headers.get(name);
        return value == null ? "" : value.strip();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
