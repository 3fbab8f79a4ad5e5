package berth.events.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;

/** The error codes EventBridge answers with, and their statuses. */
enum EventsErrors implements ErrorCode {
    CONCURRENT_MODIFICATION("ConcurrentModificationException"),
    INVALID_EVENT_PATTERN("InvalidEventPatternException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    MANAGED_RULE("ManagedRuleException"),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    VALIDATION("ValidationException");

    private final String code;

    EventsErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    static AwsException invalid(String message) {
        return VALIDATION.exception(message);
    }

    static AwsException noBus(String name) {
        return RESOURCE_NOT_FOUND.exception("Event bus " + name + " does not exist.");
    }

    static AwsException noRule(String rule, String bus) {
        return RESOURCE_NOT_FOUND.exception("Rule " + rule + " does not exist on EventBus " + bus + ".");
    }

    static AwsException changed(String what) {
        return CONCURRENT_MODIFICATION.exception(what + " was changed concurrently; try again.");
    }
}
