package berth.iam;

import java.time.Duration;
import java.time.Instant;

/**
 * Temporary credentials for a role, obtained on behalf of a service principal that the role trusts:
 * what ECS uses to give a task its task role ({@code ecs-tasks.amazonaws.com}). Published by the IAM
 * module; look it up with {@code platform.lookup(RoleCredentialsIssuer.class)}.
 *
 * <p>The role's trust policy must allow the service {@code sts:AssumeRole}, with conditions decided
 * against {@code aws:SourceAccount} and {@code aws:SourceArn} when given. The credentials sign like
 * any STS credentials (they need their session token), act as
 * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} under the role's policies, survive a
 * restart, and stop working at {@link TemporaryCredentials#expiration()}.
 */
public interface RoleCredentialsIssuer {

    Result issue(Request request);

    /**
     * @param roleArn {@code arn:aws:iam::ACCOUNT:role/path/name}
     * @param servicePrincipal the trusted service, e.g. {@code ecs-tasks.amazonaws.com}
     * @param sessionName 2-64 characters of {@code [\w+=,.@-]}, e.g. the task id
     * @param duration 15 minutes to 12 hours
     * @param sourceAccount the account the service acts for ({@code aws:SourceAccount}); empty for none
     * @param sourceArn the resource the service acts for, e.g. the task ARN ({@code aws:SourceArn}); empty for none
     */
    record Request(String roleArn, String servicePrincipal, String sessionName, Duration duration, String sourceAccount,
                   String sourceArn) {
        public static final Duration DEFAULT_DURATION = Duration.ofHours(6);

        public Request {
            java.util.Objects.requireNonNull(roleArn, "roleArn");
            java.util.Objects.requireNonNull(servicePrincipal, "servicePrincipal");
            java.util.Objects.requireNonNull(sessionName, "sessionName");
            java.util.Objects.requireNonNull(duration, "duration");
            java.util.Objects.requireNonNull(sourceAccount, "sourceAccount (empty for none)");
            java.util.Objects.requireNonNull(sourceArn, "sourceArn (empty for none)");
        }

        /** A request for ECS tasks ({@code ecs-tasks.amazonaws.com}) with the default duration. */
        public static Request forEcsTask(String roleArn, String sessionName, String sourceAccount, String sourceArn) {
            return new Request(roleArn, "ecs-tasks.amazonaws.com", sessionName, DEFAULT_DURATION, sourceAccount, sourceArn);
        }
    }

    /** Issued credentials, or why not. */
    sealed interface Result permits Issued, Refused {}

    record Issued(TemporaryCredentials credentials) implements Result {}

    /** @param message a sentence fit to show a user (e.g. as a task's stopped reason) */
    record Refused(Reason reason, String message) implements Result {}

    enum Reason {
        /** The role ARN, session name or duration is not acceptable. */
        INVALID_REQUEST,
        /** No such role in that account. */
        ROLE_NOT_FOUND,
        /** The role's trust policy does not allow the service to assume it. */
        NOT_TRUSTED
    }

    /**
     * @param assumedRoleArn {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
     * @param assumedRoleId {@code AROA…:SESSION}
     */
    record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                                String accountId, String roleArn, String assumedRoleArn, String assumedRoleId) {}
}
