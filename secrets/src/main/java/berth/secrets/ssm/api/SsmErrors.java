package berth.secrets.ssm.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;
import java.util.Arrays;

/**
 * The error codes Parameter Store answers with (all status 400), and the messages used in more than
 * one place. Parameter Store's core rules name the code of a refusal; {@link #of(String)} finds it here.
 */
enum SsmErrors implements ErrorCode {
    HIERARCHY_LEVEL_LIMIT_EXCEEDED("HierarchyLevelLimitExceededException"),
    INVALID_ALLOWED_PATTERN("InvalidAllowedPatternException"),
    INVALID_FILTER_KEY("InvalidFilterKey"),
    INVALID_FILTER_OPTION("InvalidFilterOption"),
    INVALID_FILTER_VALUE("InvalidFilterValue"),
    INVALID_NEXT_TOKEN("InvalidNextToken"),
    INVALID_RESOURCE_ID("InvalidResourceId"),
    INVALID_RESOURCE_TYPE("InvalidResourceType"),
    PARAMETER_ALREADY_EXISTS("ParameterAlreadyExists"),
    PARAMETER_MAX_VERSION_LIMIT_EXCEEDED("ParameterMaxVersionLimitExceeded"),
    PARAMETER_NOT_FOUND("ParameterNotFound"),
    PARAMETER_PATTERN_MISMATCH("ParameterPatternMismatchException"),
    PARAMETER_VERSION_NOT_FOUND("ParameterVersionNotFound"),
    TOO_MANY_TAGS("TooManyTagsError"),
    VALIDATION("ValidationException");

    private final String code;

    SsmErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The catalog entry of a code the core rules refuse with. */
    static SsmErrors of(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Parameter Store error code " + code));
    }

    static AwsException notFound() {
        return PARAMETER_NOT_FOUND.exception("");
    }
}
