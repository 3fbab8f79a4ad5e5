package berth.autoscaling.api;

import berth.aws.ErrorCode;

/** The error codes Application Auto Scaling answers with. */
enum AutoScalingErrors implements ErrorCode {
    VALIDATION("ValidationException"),
    OBJECT_NOT_FOUND("ObjectNotFoundException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    INVALID_NEXT_TOKEN("InvalidNextTokenException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    FAILED_RESOURCE_ACCESS("FailedResourceAccessException"),
    TOO_MANY_TAGS("TooManyTagsException");

    private final String code;

    AutoScalingErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
