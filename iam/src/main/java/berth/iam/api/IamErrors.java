package berth.iam.api;

import berth.aws.AwsException;
import berth.aws.AwsValidationException;
import berth.aws.ErrorCode;
import berth.aws.Protocol;

/** The error codes IAM and STS answer with, with their statuses, and the refusals built the same way in several places. */
enum IamErrors implements ErrorCode {
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
    DELETE_CONFLICT("DeleteConflict", 409),
    LIMIT_EXCEEDED("LimitExceeded", 409),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    INVALID_INPUT("InvalidInput", 400),
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
    /** Access denied on the Query protocol (IAM, STS and every other Query service). */
    ACCESS_DENIED("AccessDenied", 403),
    /** Access denied on the AWS JSON protocols. */
    ACCESS_DENIED_JSON("AccessDeniedException", 400),
    /** Access denied on the REST-JSON protocol. */
    ACCESS_DENIED_REST_JSON("AccessDeniedException", 403),
    /** Access denied on EC2's protocol. */
    UNAUTHORIZED_OPERATION("UnauthorizedOperation", 403);

    private final String code;
    private final int status;

    IamErrors(String code, int status) {
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

    static AwsException policyNotFound(String arn) {
        return NO_SUCH_ENTITY.exception("Policy " + arn + " was not found.");
    }

    /** An entity that cannot be deleted before {@code step} ({@code delete policies}, {@code detach all policies}, …). */
    static AwsException cannotDeleteBefore(String step) {
        return DELETE_CONFLICT.exception("Cannot delete entity, must " + step + " first.");
    }

    /** A request that breaks a constraint, answered with the service's own validation code. */
    static AwsException validation(String message) {
        return new AwsValidationException(message);
    }

    /** The access-denied error of a protocol: Query {@code AccessDenied} (403), JSON {@code AccessDeniedException} (400). */
    static AwsException accessDenied(Protocol protocol, String message) {
        IamErrors error = switch (protocol) {
            case QUERY -> ACCESS_DENIED;
            case EC2 -> UNAUTHORIZED_OPERATION;
            case AWS_JSON_1_0, AWS_JSON_1_1, RPC_V2_CBOR -> ACCESS_DENIED_JSON;
            case REST_JSON -> ACCESS_DENIED_REST_JSON;
        };
        return error.exception(message);
    }
}
