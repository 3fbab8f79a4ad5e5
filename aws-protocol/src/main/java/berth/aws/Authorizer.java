package berth.aws;

import software.amazon.awssdk.core.SdkPojo;

/**
 * Decides whether a non-root caller may make a call, after the request is decoded and validated and
 * before its handler runs; throws {@link AwsException} (e.g. {@code AccessDeniedException}) to refuse.
 * Root identities are never asked.
 */
@FunctionalInterface
public interface Authorizer {
    void authorize(Caller caller, ServiceModel service, String operation, SdkPojo request);

    /** Lets every verified caller through: the wire alone decides nothing about permissions. */
    Authorizer ALLOW_ALL = (caller, service, operation, request) -> { };

    /** Without IAM only roots exist; any other identity is refused. */
    Authorizer ROOT_ONLY = (caller, service, operation, request) -> {
        throw new AwsException(403, switch (service.protocol()) {
            case QUERY -> "AccessDenied";
            case EC2 -> "UnauthorizedOperation";
            default -> "AccessDeniedException";
        },
                "User: " + caller.identity().arn() + " is not authorized to perform: " + service.signingName() + ":" + operation);
    };
}
