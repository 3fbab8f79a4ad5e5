package berth.scheduler.api;

import berth.aws.ErrorCode;

/** The error codes EventBridge Scheduler answers with, and their statuses. */
enum SchedulerErrors implements ErrorCode {
    CONFLICT("ConflictException", 409),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 402),
    VALIDATION("ValidationException", 400);

    private final String code;
    private final int status;

    SchedulerErrors(String code, int status) {
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

    static berth.aws.AwsException invalid(String message) {
        return VALIDATION.exception(message);
    }

    static berth.aws.AwsException noSchedule(String name) {
        return RESOURCE_NOT_FOUND.exception("Schedule " + name + " does not exist.");
    }

    static berth.aws.AwsException noGroup(String name) {
        return RESOURCE_NOT_FOUND.exception("Schedule group " + name + " does not exist.");
    }
}
