package berth.iam;

import berth.iam.core.CallingPrincipal;
import berth.iam.core.Decision;
import berth.iam.core.IamArns;
import berth.iam.core.PolicyParser;
import berth.iam.core.RequestContextKeys;
import berth.iam.core.Role;
import berth.iam.core.RoleAssumption;
import berth.iam.core.RoleSession;
import berth.iam.state.IamRecords;
import berth.iam.state.SessionIssuer;
import berth.platform.RecordTable.Versioned;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Role sessions for trusted service principals, e.g. ECS task roles: the {@link RoleCredentialsIssuer} berth publishes. */
final class ServiceRoleSessions implements RoleCredentialsIssuer {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final IamRecords iam;
    private final SessionIssuer issuer;
    private final Clock clock;

    ServiceRoleSessions(IamRecords iam, SessionIssuer issuer, Clock clock) {
        this.iam = iam;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public Result issue(Request request) {
        if (!SESSION_NAME.matcher(request.sessionName()).matches()) {
            return new Refused(Reason.INVALID_REQUEST, "Session name '" + request.sessionName()
                    + "' must be 2-64 characters of letters, digits and +=,.@_-.");
        }
        if (request.duration().compareTo(RoleAssumption.MIN_DURATION) < 0
                || request.duration().compareTo(RoleAssumption.SERVICE_MAX) > 0) {
            return new Refused(Reason.INVALID_REQUEST, "Session duration must be between 15 minutes and 12 hours.");
        }
        Optional<IamArns.Named> target = IamArns.parse(request.roleArn(), "role");
        if (target.isEmpty()) {
            return new Refused(Reason.INVALID_REQUEST, request.roleArn() + " is not a valid role ARN.");
        }
        Optional<Role> role = iam.role(target.get().accountId(), target.get().name()).map(Versioned::value)
                .filter(r -> r.arn().equals(request.roleArn()));
        if (role.isEmpty()) {
            return new Refused(Reason.ROLE_NOT_FOUND, "Role " + request.roleArn() + " does not exist.");
        }
        RequestContextKeys.Builder keys = RequestContextKeys.builder()
                .put("aws:PrincipalIsAWSService", "true")
                .put("aws:PrincipalServiceName", request.servicePrincipal())
                .put("aws:SecureTransport", "false")
                .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .put("sts:RoleSessionName", request.sessionName());
        if (!request.sourceAccount().isEmpty()) {
            keys.put("aws:SourceAccount", request.sourceAccount());
        }
        if (!request.sourceArn().isEmpty()) {
            keys.put("aws:SourceArn", request.sourceArn());
        }
        Optional<String> refused = RoleAssumption.refusedAction(PolicyParser.parse(role.get().trustPolicy(),
                        PolicyParser.Kind.TRUST), role.get().accountId(), CallingPrincipal.service(request.servicePrincipal()),
                Decision.ALLOWED, keys.build(), false, false);
        if (refused.isPresent()) {
            return new Refused(Reason.NOT_TRUSTED, "Role " + request.roleArn() + " does not trust "
                    + request.servicePrincipal() + " to perform " + refused.get() + ".");
        }
        RoleSession session = issuer.issue(role.get(), new SessionIssuer.Terms(request.sessionName(), request.duration(),
                false, List.of(), Map.of(), List.of(), "", false));
        return new Issued(new TemporaryCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(),
                session.expiration(), session.accountId(), session.roleArn(), session.assumedRoleArn(),
                session.assumedRoleId()));
    }
}
