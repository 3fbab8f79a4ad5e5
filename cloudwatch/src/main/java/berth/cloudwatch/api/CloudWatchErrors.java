package berth.cloudwatch.api;

import berth.aws.ErrorCode;

/** The error codes CloudWatch answers with (Query codes; the JSON and CBOR protocols carry them too). */
enum CloudWatchErrors implements ErrorCode {
    INVALID_PARAMETER_VALUE("InvalidParameterValue"),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination"),
    MISSING_PARAMETER("MissingParameter"),
    INVALID_NEXT_TOKEN("InvalidNextToken"),
    INVALID_FORMAT("InvalidFormat"),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    RESOURCE_NOT_FOUND_EXCEPTION("ResourceNotFoundException", 404),
    LIMIT_EXCEEDED("LimitExceeded"),
    VALIDATION("ValidationError");

    private final String code;
    private final int status;

    CloudWatchErrors(String code) {
        this(code, 400);
    }

    CloudWatchErrors(String code, int status) {
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

    static berth.aws.AwsException invalid(String parameter, Object value) {
        return INVALID_PARAMETER_VALUE.exception("The value " + value + " for parameter " + parameter + " is invalid.");
    }
}
