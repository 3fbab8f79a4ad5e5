package berth.secrets.manager.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;

/** The error codes Secrets Manager answers with (all status 400), and the messages used in more than one place. */
enum SecretsErrors implements ErrorCode {
    INVALID_NEXT_TOKEN("InvalidNextTokenException"),
    INVALID_PARAMETER("InvalidParameterException"),
    INVALID_REQUEST("InvalidRequestException"),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocumentException"),
    PUBLIC_POLICY("PublicPolicyException"),
    RESOURCE_EXISTS("ResourceExistsException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException");

    private final String code;

    SecretsErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    static AwsException notFound() {
        return RESOURCE_NOT_FOUND.exception("Secrets Manager can't find the specified secret.");
    }

    static AwsException noValueForVersion(String versionId) {
        return RESOURCE_NOT_FOUND.exception("Secrets Manager can't find the specified secret value for VersionId: " + versionId);
    }

    static AwsException markedForDeletion() {
        return INVALID_REQUEST.exception("You can't perform this operation on the secret because it was marked for deletion.");
    }
}
