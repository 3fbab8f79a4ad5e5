package berth.events.api;

import berth.aws.Caller;

/** Whether a caller may pass a role to EventBridge ({@code iam:PassRole} with {@code iam:PassedToService}). */
@FunctionalInterface
public interface RolePassing {
    /** @throws berth.aws.AwsException AccessDeniedException when it may not */
    void require(Caller caller, String roleArn);

    RolePassing ANY = (caller, roleArn) -> { };
}
