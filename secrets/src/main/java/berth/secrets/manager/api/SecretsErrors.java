package berth.secrets.manager.api;

import berth.aws.AwsException;

/** The error codes Secrets Manager answers with, and its messages. */
final class SecretsErrors {
    static final String MARKED_FOR_DELETION =
            "You can't perform this operation on the secret because it was marked for deletion.";

    private SecretsErrors() {}

    static AwsException notFound() {
        return new AwsException(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    static AwsException noValueForStage(String stage) {
        return new AwsException(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: " + stage);
    }

    static AwsException noValueForVersion(String versionId) {
        return new AwsException(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
    }

    static AwsException markedForDeletion() {
        return invalidRequest(MARKED_FOR_DELETION);
    }

    static AwsException invalidRequest(String message) {
        return new AwsException(400, "InvalidRequestException", message);
    }

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException exists(String message) {
        return new AwsException(400, "ResourceExistsException", message);
    }
}
