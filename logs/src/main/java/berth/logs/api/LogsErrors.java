package berth.logs.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;

/** The error codes CloudWatch Logs answers with, and the messages used in more than one place. */
enum LogsErrors implements ErrorCode {
    INVALID_PARAMETER("InvalidParameterException"),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    TOO_MANY_TAGS("TooManyTagsException"),
    VALIDATION("ValidationException");

    private final String code;
    private final int status;

    LogsErrors(String code) {
        this(code, 400);
    }

    LogsErrors(String code, int status) {
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

    static AwsException groupNotFound() {
        return RESOURCE_NOT_FOUND.exception("The specified log group does not exist.");
    }

    static AwsException streamNotFound() {
        return RESOURCE_NOT_FOUND.exception("The specified log stream does not exist.");
    }

    static AwsException invalidToken() {
        return INVALID_PARAMETER.exception("The specified nextToken is invalid.");
    }

    /** The events could not be read or written: a server fault the client may retry. */
    static AwsException storageFailure(Exception cause) {
        return SERVICE_UNAVAILABLE.exception("The service cannot complete the request: " + cause.getMessage());
    }
}
