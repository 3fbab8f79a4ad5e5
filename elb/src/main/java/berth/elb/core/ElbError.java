package berth.elb.core;

import berth.aws.ErrorCode;

/** The error codes Elastic Load Balancing answers with, as the Query protocol spells them; all status 400. */
public enum ElbError implements ErrorCode {
    VALIDATION("ValidationError"),
    INVALID_CONFIGURATION("InvalidConfigurationRequest"),
    INVALID_ACTION("InvalidLoadBalancerAction"),
    INVALID_TARGET("InvalidTarget"),
    INVALID_SCHEME("InvalidScheme"),
    UNSUPPORTED_PROTOCOL("UnsupportedProtocol"),
    INCOMPATIBLE_PROTOCOLS("IncompatibleProtocols"),
    CERTIFICATE_NOT_FOUND("CertificateNotFound"),
    LOAD_BALANCER_NOT_FOUND("LoadBalancerNotFound"),
    TARGET_GROUP_NOT_FOUND("TargetGroupNotFound"),
    LISTENER_NOT_FOUND("ListenerNotFound"),
    RULE_NOT_FOUND("RuleNotFound"),
    DUPLICATE_LOAD_BALANCER_NAME("DuplicateLoadBalancerName"),
    DUPLICATE_TARGET_GROUP_NAME("DuplicateTargetGroupName"),
    DUPLICATE_LISTENER("DuplicateListener"),
    DUPLICATE_TAG_KEYS("DuplicateTagKeys"),
    PRIORITY_IN_USE("PriorityInUse"),
    RESOURCE_IN_USE("ResourceInUse"),
    OPERATION_NOT_PERMITTED("OperationNotPermitted"),
    TARGET_GROUP_ASSOCIATION_LIMIT("TargetGroupAssociationLimit"),
    TOO_MANY_LOAD_BALANCERS("TooManyLoadBalancers"),
    TOO_MANY_TARGET_GROUPS("TooManyTargetGroups"),
    TOO_MANY_TARGETS("TooManyTargets"),
    TOO_MANY_REGISTRATIONS_FOR_TARGET_ID("TooManyRegistrationsForTargetId"),
    TOO_MANY_LISTENERS("TooManyListeners"),
    TOO_MANY_RULES("TooManyRules"),
    TOO_MANY_ACTIONS("TooManyActions"),
    TOO_MANY_TAGS("TooManyTags"),
    TOO_MANY_UNIQUE_TARGET_GROUPS("TooManyUniqueTargetGroupsPerLoadBalancer");

    private final String code;

    ElbError(String code) {
        this.code = code;
    }

    /** The {@code <Code>} of the error document. */
    @Override
    public String code() {
        return code;
    }

    @Override
    public ElbException exception(String message) {
        return new ElbException(this, message);
    }
}
