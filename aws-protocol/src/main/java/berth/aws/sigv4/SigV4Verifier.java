package berth.aws.sigv4;

import berth.aws.Caller;
import berth.aws.CredentialSource;
import berth.aws.HttpRequestData;
import berth.aws.SigningKey;
import berth.aws.wire.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies the AWS Signature Version 4 of a request, signed in the {@code Authorization} header or
 * presigned in the query string, and resolves who signed it. Nothing is skipped: the access key must
 * be known, a session token must match the one issued with the key, temporary keys must not have
 * expired, the request time must be within 15 minutes of now (or within {@code X-Amz-Expires} for
 * presigned URLs), and the signature must match.
 */
public final class SigV4Verifier {
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter BASIC_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String MISMATCH_MESSAGE = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    static final String INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired";

    private final CredentialSource credentials;
    private final Clock clock;

    /** The outcome of verifying one request. */
    public sealed interface Verification permits Verified, Rejected {}

    /** The signature is valid; the caller is who signed it, for the region and service of the scope. */
    public record Verified(Caller caller) implements Verification {}

    /** The signature is not accepted, with AWS's message for the reason. */
    public record Rejected(SignatureFailure failure, String message) implements Verification, HeadVerification {}

    /** The outcome of verifying a request whose body is not in hand ({@link #verifyHead}). */
    public sealed interface HeadVerification permits VerifiedHead, Rejected {}

    /**
     * The signature over the request's head is valid; {@code signing} tells what the body must be
     * checked against as it streams (the declared payload hash, or the signatures of its chunks).
     */
    public record VerifiedHead(Caller caller, StreamSigning signing) implements HeadVerification {}

    public SigV4Verifier(CredentialSource credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The signing name in a request's credential scope, read without verifying anything; empty when absent. */
    public static Optional<String> claimedService(HttpRequestData request) {
        try {
            return SignatureClaim.claimedService(request, PercentEncoding.parsePairs(request.rawQuery(), false));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Verification verify(HttpRequestData request) {
        try {
            return new Verified(check(request, false).caller());
        } catch (SignatureRejection rejection) {
            return new Rejected(rejection.failure(), rejection.getMessage());
        }
    }

    /**
     * Verifies the signature of a request whose body streams after its head (S3 objects): the payload
     * hash the signature covers is the declared {@code x-amz-content-sha256} as it stands (a hex
     * SHA-256, {@code UNSIGNED-PAYLOAD}, or a {@code STREAMING-…} mode), or {@code UNSIGNED-PAYLOAD}
     * for a presigned URL that declares none; the body itself is ignored. The caller checks the body
     * against {@link StreamSigning} as it reads it.
     */
    public HeadVerification verifyHead(HttpRequestData head) {
        try {
            return check(head, true);
        } catch (SignatureRejection rejection) {
            return new Rejected(rejection.failure(), rejection.getMessage());
        }
    }

    private VerifiedHead check(HttpRequestData request, boolean streamed) {
        List<Map.Entry<String, String>> query;
        try {
            query = PercentEncoding.parsePairs(request.rawQuery(), false);
        } catch (PercentEncoding.MalformedEncodingException e) {
            throw new SignatureRejection(SignatureFailure.INCOMPLETE_SIGNATURE, "Malformed query string: " + e.getMessage());
        }
        SignatureClaim claim = SignatureClaim.read(request, query);
        SigningKey key = credentials.find(claim.accessKeyId()).orElseThrow(() -> new SignatureRejection(
                SignatureFailure.UNKNOWN_ACCESS_KEY, INVALID_TOKEN_MESSAGE));
        if (!constantTimeEquals(key.sessionToken(), claim.sessionToken())) {
            throw new SignatureRejection(SignatureFailure.INVALID_SESSION_TOKEN, INVALID_TOKEN_MESSAGE);
        }
        Instant now = clock.instant();
        if (now.toEpochMilli() > key.expiresAtEpochMillis()) {
            throw new SignatureRejection(SignatureFailure.EXPIRED_SESSION_TOKEN, EXPIRED_TOKEN_MESSAGE);
        }
        checkTime(claim, now);
        byte[] signingKey = CanonicalRequest.signingKey(key.secretAccessKey(), claim.scopeDate(), claim.region(),
                claim.service());
        String canonicalQuery = CanonicalRequest.canonicalQuery(query, claim.presigned());
        String canonicalHeaders = CanonicalRequest.canonicalHeaders(request.headers(), claim.signedHeaders());
        List<String> hashes = streamed ? List.of(declaredPayloadHash(request, claim, query)) : payloadHashes(request, claim, query);
        for (String uri : CanonicalRequest.canonicalUris(request.path())) {
            for (String payloadHash : hashes) {
                String canonical = CanonicalRequest.build(request.method().toUpperCase(Locale.ROOT), uri, canonicalQuery,
                        canonicalHeaders, claim.signedHeaders(), payloadHash);
                String expected = CanonicalRequest.signature(signingKey,
                        CanonicalRequest.stringToSign(claim.requestTime(), claim.scope(), canonical));
                if (constantTimeEquals(expected, claim.signature())) {
                    Caller caller = new Caller(key.identity(), claim.accessKeyId(), claim.region(), claim.service());
                    return new VerifiedHead(caller, new StreamSigning(payloadHash, claim.signature(), signingKey,
                            claim.requestTime(), claim.scope()));
                }
            }
        }
        throw new SignatureRejection(SignatureFailure.SIGNATURE_MISMATCH, MISMATCH_MESSAGE);
    }

    private static void checkTime(SignatureClaim claim, Instant now) {
        if (!claim.requestTime().startsWith(claim.scopeDate())) {
            throw new SignatureRejection(SignatureFailure.SIGNATURE_MISMATCH, "Date in Credential scope does not match"
                    + " YYYYMMDD from ISO-8601 version of date from HTTP: '" + claim.scopeDate() + "' != '"
                    + claim.requestTime().substring(0, 8) + "', from '" + claim.requestTime() + "'.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(claim.requestTime(), BASIC_TIME).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new SignatureRejection(SignatureFailure.INCOMPLETE_SIGNATURE,
                    "Date must be in ISO-8601 'basic format'. Got '" + claim.requestTime() + "'.");
        }
        if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new SignatureRejection(SignatureFailure.EXPIRED_SIGNATURE, "Signature not yet current: "
                    + claim.requestTime() + " is still later than " + BASIC_TIME.format(now.plus(ALLOWED_SKEW))
                    + " (" + BASIC_TIME.format(now) + " + 15 min.)");
        }
        if (claim.presigned() && claim.expiresSeconds() > 0) {
            if (now.isAfter(signedAt.plusSeconds(claim.expiresSeconds()))) {
                throw new SignatureRejection(SignatureFailure.EXPIRED_SIGNATURE, "Request has expired");
            }
        } else if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
            throw new SignatureRejection(SignatureFailure.EXPIRED_SIGNATURE, "Signature expired: "
                    + claim.requestTime() + " is now earlier than " + BASIC_TIME.format(now.minus(ALLOWED_SKEW))
                    + " (" + BASIC_TIME.format(now) + " - 15 min.)");
        }
    }

    /** The payload hash a streamed request declares: its header, else a presigned URL's, else unsigned. */
    private static String declaredPayloadHash(HttpRequestData request, SignatureClaim claim, List<Map.Entry<String, String>> query) {
        String declared = request.header("x-amz-content-sha256");
        if (declared.isEmpty() && claim.presigned()) {
            declared = query.stream().filter(e -> e.getKey().equals("X-Amz-Content-Sha256"))
                    .map(Map.Entry::getValue).findFirst().orElse(CanonicalRequest.UNSIGNED_PAYLOAD);
        }
        return declared.isEmpty() ? CanonicalRequest.sha256Hex(new byte[0]) : declared;
    }

    /**
     * The payload hashes the client may have signed: the declared {@code x-amz-content-sha256} (which
     * must then match the body), else the body's hash; presigned URLs may also leave the payload unsigned.
     */
    private static List<String> payloadHashes(HttpRequestData request, SignatureClaim claim,
                                              List<Map.Entry<String, String>> query) {
        String bodyHash = CanonicalRequest.sha256Hex(request.body());
        String declared = request.header("x-amz-content-sha256");
        if (declared.isEmpty() && claim.presigned()) {
            declared = query.stream().filter(e -> e.getKey().equals("X-Amz-Content-Sha256"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }
        if (!declared.isEmpty()) {
            if (HEX_SHA256.matcher(declared).matches() && !declared.equals(bodyHash)) {
                throw new SignatureRejection(SignatureFailure.SIGNATURE_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            return List.of(declared);
        }
        List<String> hashes = new ArrayList<>(2);
        hashes.add(bodyHash);
        if (claim.presigned()) {
            hashes.add(CanonicalRequest.UNSIGNED_PAYLOAD);
        }
        return hashes;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
