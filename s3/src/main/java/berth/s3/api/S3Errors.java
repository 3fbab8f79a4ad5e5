package berth.s3.api;

import berth.aws.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error codes S3 answers with, and their statuses. */
public enum S3Errors implements ErrorCode {
    ACCESS_DENIED("AccessDenied", 403),
    ACCESS_FORBIDDEN("AccessForbidden", 403),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    BAD_DIGEST("BadDigest", 400),
    BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409),
    BUCKET_NOT_EMPTY("BucketNotEmpty", 409),
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    ENTITY_TOO_SMALL("EntityTooSmall", 400),
    EXPIRED_TOKEN("ExpiredToken", 400),
    ILLEGAL_LOCATION_CONSTRAINT("IllegalLocationConstraintException", 400),
    INCOMPLETE_BODY("IncompleteBody", 400),
    INTERNAL_ERROR("InternalError", 500),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    INVALID_ARGUMENT("InvalidArgument", 400),
    INVALID_BUCKET_ACL_WITH_OWNERSHIP("InvalidBucketAclWithObjectOwnership", 400),
    INVALID_BUCKET_NAME("InvalidBucketName", 400),
    INVALID_BUCKET_STATE("InvalidBucketState", 409),
    INVALID_LOCATION_CONSTRAINT("InvalidLocationConstraint", 400),
    INVALID_OBJECT_STATE("InvalidObjectState", 403),
    INVALID_DIGEST("InvalidDigest", 400),
    INVALID_PART("InvalidPart", 400),
    INVALID_PART_ORDER("InvalidPartOrder", 400),
    INVALID_RANGE("InvalidRange", 416),
    INVALID_REQUEST("InvalidRequest", 400),
    INVALID_STORAGE_CLASS("InvalidStorageClass", 400),
    INVALID_TAG("InvalidTag", 400),
    INVALID_TOKEN("InvalidToken", 400),
    KEY_TOO_LONG("KeyTooLongError", 400),
    MALFORMED_POLICY("MalformedPolicy", 400),
    MALFORMED_XML("MalformedXML", 400),
    METADATA_TOO_LARGE("MetadataTooLarge", 400),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    MISSING_CONTENT_LENGTH("MissingContentLength", 411),
    MISSING_SECURITY_HEADER("MissingSecurityHeader", 400),
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404),
    NO_SUCH_CORS_CONFIGURATION("NoSuchCORSConfiguration", 404),
    NO_SUCH_KEY("NoSuchKey", 404),
    NO_SUCH_PUBLIC_ACCESS_BLOCK("NoSuchPublicAccessBlockConfiguration", 404),
    NO_SUCH_LIFECYCLE_CONFIGURATION("NoSuchLifecycleConfiguration", 404),
    NO_SUCH_TAG_SET("NoSuchTagSet", 404),
    NO_SUCH_UPLOAD("NoSuchUpload", 404),
    NO_SUCH_VERSION("NoSuchVersion", 404),
    NOT_IMPLEMENTED("NotImplemented", 501),
    NOT_MODIFIED("NotModified", 304),
    PRECONDITION_FAILED("PreconditionFailed", 412),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    CONDITIONAL_REQUEST_CONFLICT("ConditionalRequestConflict", 409);

    private final String code;
    private final int status;

    S3Errors(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public S3Exception exception(String message) {
        return new S3Exception(this, message, Map.of());
    }

    /** An error with the extra elements S3 adds to its document ({@code BucketName}, {@code Key}, …). */
    public S3Exception exception(String message, String... details) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) extra.put(details[i], details[i + 1]);
        return new S3Exception(this, message, extra);
    }

    static S3Exception noSuchBucket(String bucket) {
        return NO_SUCH_BUCKET.exception("The specified bucket does not exist", "BucketName", bucket);
    }

    static S3Exception noSuchKey(String key) {
        return NO_SUCH_KEY.exception("The specified key does not exist.", "Key", key);
    }

    static S3Exception noSuchUpload(String uploadId) {
        return NO_SUCH_UPLOAD.exception("The specified upload does not exist. The upload ID may be invalid, or the upload"
                + " may have been aborted or completed.", "UploadId", uploadId);
    }

    static S3Exception malformedXml() {
        return MALFORMED_XML.exception("The XML you provided was not well-formed or did not validate against our"
                + " published schema");
    }

    static S3Exception invalidArgument(String message, String name, String value) {
        return INVALID_ARGUMENT.exception(message, "ArgumentName", name, "ArgumentValue", value);
    }
}
