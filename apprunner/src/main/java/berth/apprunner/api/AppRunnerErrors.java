package berth.apprunner.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;

/** The error codes App Runner answers with (all status 400). */
enum AppRunnerErrors implements ErrorCode {
    INVALID_REQUEST("InvalidRequestException"),
    INVALID_STATE("InvalidStateException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException");

    private final String code;

    AppRunnerErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    static AwsException serviceNotFound(String arn) {
        return RESOURCE_NOT_FOUND.exception("Resource " + arn + " is not found");
    }

    static AwsException unsupported(String what) {
        return INVALID_REQUEST.exception(what + " is not supported by berth's App Runner");
    }
}
