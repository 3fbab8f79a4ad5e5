package berth.aws.sigv4;

import berth.aws.AwsException;
import berth.aws.Protocol;

/**
 * The AWS error for each signature failure, per protocol family. JSON services answer 400 with
 * {@code …Exception} codes, REST-JSON services (fronted like API Gateway and Lambda) 403 with the
 * same codes, Query services (STS, IAM, ELBv2) the short codes with 403 for authentication failures
 * and 400 for an incomplete signature, EC2 401 {@code AuthFailure}.
 */
public final class SignatureErrors {
    private SignatureErrors() {}

    public static AwsException toAwsException(SignatureFailure failure, String message, Protocol protocol) {
        return switch (protocol) {
            case AWS_JSON_1_0, AWS_JSON_1_1, RPC_V2_CBOR -> new AwsException(400, jsonCode(failure), message);
            case REST_JSON -> new AwsException(403, jsonCode(failure), message);
            case QUERY -> queryError(failure, message);
            case EC2 -> ec2Error(failure, message);
        };
    }

    /** EC2 answers every credential it cannot verify with 401 AuthFailure, and a stale request with RequestExpired. */
    private static AwsException ec2Error(SignatureFailure failure, String message) {
        return switch (failure) {
            case INCOMPLETE_SIGNATURE -> new AwsException(400, "IncompleteSignature", message);
            case EXPIRED_SIGNATURE, EXPIRED_SESSION_TOKEN -> new AwsException(400, "RequestExpired", message);
            case MISSING_AUTHENTICATION, SIGNATURE_MISMATCH, UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN ->
                    new AwsException(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
        };
    }

    private static String jsonCode(SignatureFailure failure) {
        return switch (failure) {
            case MISSING_AUTHENTICATION -> "MissingAuthenticationTokenException";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
            case SIGNATURE_MISMATCH, EXPIRED_SIGNATURE -> "InvalidSignatureException";
            case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN -> "UnrecognizedClientException";
            case EXPIRED_SESSION_TOKEN -> "ExpiredTokenException";
        };
    }

    private static AwsException queryError(SignatureFailure failure, String message) {
        return switch (failure) {
            case MISSING_AUTHENTICATION ->
                    new AwsException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            case INCOMPLETE_SIGNATURE -> new AwsException(400, "IncompleteSignature", message);
            case SIGNATURE_MISMATCH, EXPIRED_SIGNATURE -> new AwsException(403, "SignatureDoesNotMatch", message);
            case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN -> new AwsException(403, "InvalidClientTokenId", message);
            case EXPIRED_SESSION_TOKEN -> new AwsException(403, "ExpiredToken", message);
        };
    }
}
