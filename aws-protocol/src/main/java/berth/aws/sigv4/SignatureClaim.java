package berth.aws.sigv4;

import berth.aws.HttpRequestData;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a request claims about its SigV4 signature, read from the {@code Authorization} header or
 * from presigned query parameters, before any of it is checked.
 *
 * @param requestTime the signing time in ISO-8601 basic format ({@code 20240101T000000Z})
 * @param sessionToken the presented session token; empty when none
 * @param expiresSeconds for presigned URLs the {@code X-Amz-Expires} value; 0 when absent
 */
record SignatureClaim(String accessKeyId, String scopeDate, String region, String service, List<String> signedHeaders,
                      String signature, String requestTime, String sessionToken, boolean presigned, long expiresSeconds) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Pattern BASIC_TIME = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final long MAX_PRESIGN_SECONDS = 604_800;

    String scope() {
        return scopeDate + "/" + region + "/" + service + "/aws4_request";
    }

    /** Reads the claim of a request; throws {@link SignatureRejection} when it is absent or malformed. */
    static SignatureClaim read(HttpRequestData request, List<Map.Entry<String, String>> query) {
        String authorization = request.header("authorization");
        boolean presigned = query.stream().anyMatch(e -> e.getKey().equals("X-Amz-Algorithm")
                || e.getKey().equals("X-Amz-Credential") || e.getKey().equals("X-Amz-Signature"));
        if (authorization.isEmpty() && !presigned) {
            throw new SignatureRejection(SignatureFailure.MISSING_AUTHENTICATION, "Missing Authentication Token");
        }
        if (!authorization.isEmpty() && presigned) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the"
                    + " Authorization header should be specified");
        }
        return presigned ? fromQuery(query) : fromHeader(authorization, request);
    }

    /** The signing name a request's credential scope names, without checking anything; empty when absent. */
    static Optional<String> claimedService(HttpRequestData request, List<Map.Entry<String, String>> query) {
        String credential = "";
        String authorization = request.header("authorization");
        if (!authorization.isEmpty()) {
            credential = headerParameters(authorization).getOrDefault("Credential", "");
        } else {
            credential = first(query, "X-Amz-Credential");
        }
        String[] parts = credential.split("/");
        return parts.length == 5 ? Optional.of(parts[3]) : Optional.empty();
    }

    private static SignatureClaim fromHeader(String authorization, HttpRequestData request) {
        int space = authorization.indexOf(' ');
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'. Authorization=" + authorization);
        }
        Map<String, String> parameters = headerParameters(authorization);
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parameters.getOrDefault(name, "").isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        String requestTime = request.header("x-amz-date");
        if (requestTime.isEmpty() && !request.header("date").isEmpty()) {
            requestTime = fromHttpDate(request.header("date"));
        }
        if (requestTime.isEmpty()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing + "Authorization=" + authorization);
        }
        return build(parameters.get("Credential"), parameters.get("SignedHeaders"), parameters.get("Signature"),
                requestTime, request.header("x-amz-security-token"), false, 0);
    }

    private static SignatureClaim fromQuery(List<Map.Entry<String, String>> query) {
        String algorithm = first(query, "X-Amz-Algorithm");
        String credential = first(query, "X-Amz-Credential");
        String requestTime = first(query, "X-Amz-Date");
        String signedHeaders = first(query, "X-Amz-SignedHeaders");
        String signature = first(query, "X-Amz-Signature");
        if (algorithm.isEmpty() || credential.isEmpty() || requestTime.isEmpty() || signedHeaders.isEmpty()
                || signature.isEmpty()) {
            throw incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
                    + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.");
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        long expires = 0;
        String expiresText = first(query, "X-Amz-Expires");
        if (!expiresText.isEmpty()) {
            try {
                expires = Long.parseLong(expiresText);
            } catch (NumberFormatException e) {
                expires = -1;
            }
            if (expires < 1 || expires > MAX_PRESIGN_SECONDS) {
                throw incomplete("X-Amz-Expires must be a number of seconds between 1 and " + MAX_PRESIGN_SECONDS);
            }
        }
        return build(credential, signedHeaders, signature, requestTime, first(query, "X-Amz-Security-Token"), true, expires);
    }

    private static SignatureClaim build(String credential, String signedHeaders, String signature, String requestTime,
                                        String sessionToken, boolean presigned, long expires) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty)) {
            throw incomplete("Credential should have the form <access key id>/<date>/<region>/<service>/aws4_request,"
                    + " not '" + credential + "'.");
        }
        if (!scope[4].equals("aws4_request")) {
            throw incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'.");
        }
        if (!BASIC_TIME.matcher(requestTime).matches()) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + requestTime + "'.");
        }
        List<String> headers = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!name.isEmpty()) {
                headers.add(name.toLowerCase(Locale.ROOT));
            }
        }
        if (!headers.contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return new SignatureClaim(scope[0], scope[1], scope[2], scope[3], List.copyOf(headers), signature, requestTime,
                sessionToken, presigned, expires);
    }

    private static Map<String, String> headerParameters(String authorization) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return parameters;
        }
        for (String part : authorization.substring(space + 1).split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                parameters.putIfAbsent(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return parameters;
    }

    private static String first(List<Map.Entry<String, String>> query, String name) {
        for (Map.Entry<String, String> entry : query) {
            if (entry.getKey().equals(name)) {
                return entry.getValue();
            }
        }
        return "";
    }

    private static String fromHttpDate(String date) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .withZoneSameInstant(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT));
        } catch (DateTimeParseException e) {
            return date;
        }
    }

    private static SignatureRejection incomplete(String message) {
        return new SignatureRejection(SignatureFailure.INCOMPLETE_SIGNATURE, message);
    }
}
