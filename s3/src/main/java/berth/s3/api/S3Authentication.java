package berth.s3.api;

import berth.platform.SignedRequests;
import berth.aws.Caller;
import berth.aws.CredentialSource;
import berth.aws.HttpRequestData;
import berth.aws.sigv4.SigV4Verifier;
import berth.aws.sigv4.StreamSigning;
import com.linecorp.armeria.common.RequestHeaders;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sent an S3 request: SigV4 in the Authorization header or presigned in the query (the body's
 * signing is checked later, as it streams), SigV2 likewise, or nobody (anonymous: only a bucket
 * policy can let it in). Failures carry S3's codes.
 */
final class S3Authentication {
    private final SigV4Verifier verifier;
    private final CredentialSource credentials;
    private final Clock clock;

    S3Authentication(CredentialSource credentials, Clock clock) {
        this.verifier = new SigV4Verifier(credentials, clock);
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The signer and the body's signing; both empty for an anonymous request. */
    record Signer(Optional<Caller> caller, Optional<StreamSigning> signing) {}

    Signer authenticate(RequestHeaders headers, String rawPath, String rawQuery, Map<String, List<String>> query,
                        String v2Resource, String region) {
        String authorization = Optional.ofNullable(headers.get("authorization")).orElse("");
        boolean presignedV4 = query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Credential");
        if (SigV2.inHeader(authorization) || (authorization.isEmpty() && SigV2.presigned(query))) {
            return new Signer(Optional.of(SigV2.verify(headers, headers.method().name(), v2Resource, query, credentials, clock,
                    region)), Optional.empty());
        }
        if (authorization.isEmpty() && !presignedV4) return new Signer(Optional.empty(), Optional.empty());
        if (!authorization.isEmpty() && !authorization.startsWith("AWS4-HMAC-SHA256")) {
            throw S3Errors.INVALID_ARGUMENT.exception("Unsupported Authorization Type", "ArgumentName", "Authorization",
                    "ArgumentValue", authorization.split(" ")[0]);
        }
        if (!authorization.isEmpty() && !headers.contains("x-amz-content-sha256")) {
            throw S3Errors.INVALID_REQUEST.exception("Missing required header for this request: x-amz-content-sha256");
        }
        HttpRequestData head = new HttpRequestData(headers.method().name(), rawPath, rawQuery, SignedRequests.headers(headers), new byte[0]);
        return switch (verifier.verifyHead(head)) {
            case SigV4Verifier.VerifiedHead verified -> {
                if (!verified.caller().service().equals("s3")) {
                    throw S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("Credential should be scoped to correct service: 's3'.");
                }
                yield new Signer(Optional.of(verified.caller()), Optional.of(verified.signing()));
            }
            case SigV4Verifier.Rejected rejected -> throw refusal(rejected, presignedV4);
        };
    }

    private static S3Exception refusal(SigV4Verifier.Rejected rejected, boolean presigned) {
        String message = rejected.message();
        return switch (rejected.failure()) {
            case MISSING_AUTHENTICATION -> S3Errors.ACCESS_DENIED.exception("Access Denied");
            case INCOMPLETE_SIGNATURE -> presigned
                    ? S3Errors.INVALID_ARGUMENT.exception(message)
                    : S3Errors.AUTHORIZATION_HEADER_MALFORMED.exception(message);
            case SIGNATURE_MISMATCH -> S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("The request signature we calculated does"
                    + " not match the signature you provided. Check your key and signing method.");
            case EXPIRED_SIGNATURE -> presigned ? S3Errors.ACCESS_DENIED.exception("Request has expired")
                    : S3Errors.REQUEST_TIME_TOO_SKEWED.exception("The difference between the request time and the current"
                            + " time is too large.");
            case UNKNOWN_ACCESS_KEY -> S3Errors.INVALID_ACCESS_KEY_ID.exception("The AWS Access Key Id you provided does not"
                    + " exist in our records.");
            case INVALID_SESSION_TOKEN -> S3Errors.INVALID_TOKEN.exception("The provided token is malformed or otherwise invalid.");
            case EXPIRED_SESSION_TOKEN -> S3Errors.EXPIRED_TOKEN.exception("The provided token has expired.");
        };
    }
}
