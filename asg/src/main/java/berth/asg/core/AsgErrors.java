package berth.asg.core;

import berth.aws.ErrorCode;

/** The error codes EC2 Auto Scaling answers with; status 400 unless given. */
public enum AsgErrors implements ErrorCode {
    VALIDATION_ERROR("ValidationError"),
    ALREADY_EXISTS("AlreadyExists"),
    RESOURCE_IN_USE("ResourceInUse"),
    SCALING_ACTIVITY_IN_PROGRESS("ScalingActivityInProgress"),
    LIMIT_EXCEEDED("LimitExceeded"),
    RESOURCE_CONTENTION("ResourceContention", 500);

    private final String code;
    private final int status;

    AsgErrors(String code) {
        this(code, 400);
    }

    AsgErrors(String code, int status) {
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
}
