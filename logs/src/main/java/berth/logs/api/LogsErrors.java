package berth.logs.api;

import berth.aws.AwsException;

/** The error codes CloudWatch Logs answers with, and its messages. */
final class LogsErrors {
    private LogsErrors() {}

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException groupNotFound() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
    }

    static AwsException streamNotFound() {
        return new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
    }

    static AwsException groupExists() {
        return new AwsException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
    }

    static AwsException streamExists() {
        return new AwsException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
    }

    static AwsException invalidToken() {
        return invalidParameter("The specified nextToken is invalid.");
    }

    static AwsException storageFailure(Exception cause) {
        return new AwsException(503, "ServiceUnavailableException",
                "The service cannot complete the request: " + cause.getMessage(), false);
    }
}
