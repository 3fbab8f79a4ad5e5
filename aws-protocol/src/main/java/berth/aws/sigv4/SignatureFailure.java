package berth.aws.sigv4;

/**
 * Why a request's SigV4 signature was not accepted. Each failure has one AWS error code per
 * protocol family; {@link SignatureErrors} holds the mapping.
 */
public enum SignatureFailure {
    /** No Authorization header and no presigned query parameters. */
    MISSING_AUTHENTICATION,
    /** Authorization header or presigned parameters present but malformed or incomplete. */
    INCOMPLETE_SIGNATURE,
    /** The signature, or the credential scope it was computed for, does not match. */
    SIGNATURE_MISMATCH,
    /** The request time is more than 15 minutes away from now, or a presigned URL has expired. */
    EXPIRED_SIGNATURE,
    /** The access key id is not known. */
    UNKNOWN_ACCESS_KEY,
    /** The session token is missing, unexpected, or not the one issued with the key. */
    INVALID_SESSION_TOKEN,
    /** Temporary credentials past their expiry. */
    EXPIRED_SESSION_TOKEN
}
