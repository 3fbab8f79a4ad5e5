package berth.iam;

import berth.aws.Caller;
import berth.aws.Protocol;

/**
 * Whether a caller may pass a role to a service ({@code iam:PassRole} on the role, with
 * {@code iam:PassedToService} the service principal), as services check it when a request hands them
 * a role to act as (an EventBridge target's RoleArn). Roots always may. Published by the IAM module:
 * {@code platform.lookup(PassRoleCheck.class)}.
 */
public interface PassRoleCheck {
    /**
     * @param protocol the wire of the request being answered, for the shape of the refusal
     * @throws berth.aws.AwsException the access-denied error of that wire when the caller may not
     */
    void require(Caller caller, String roleArn, String toService, Protocol protocol);
}
