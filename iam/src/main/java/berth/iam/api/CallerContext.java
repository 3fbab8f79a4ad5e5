package berth.iam.api;

import berth.aws.Caller;
import berth.iam.core.CallingPrincipal;
import berth.iam.core.IamArns;
import berth.iam.core.RequestContextKeys;
import berth.iam.state.PrincipalPolicies;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The global condition keys of a signed request: {@code aws:RequestedRegion}, {@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid}, {@code aws:username},
 * {@code aws:PrincipalTag/…}, {@code aws:CurrentTime}, {@code aws:EpochTime},
 * {@code aws:TokenIssueTime}, and {@code aws:SecureTransport} (false: berth serves plain HTTP).
 */
final class CallerContext {
    private CallerContext() {}

    static RequestContextKeys.Builder keys(Caller caller, Optional<PrincipalPolicies.Principal> principal, Instant now) {
        RequestContextKeys.Builder keys = RequestContextKeys.builder()
                .put("aws:RequestedRegion", caller.region())
                .put("aws:PrincipalAccount", caller.accountId())
                .put("aws:SecureTransport", "false")
                .put("aws:PrincipalIsAWSService", "false")
                .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        if (caller.identity().root()) {
            return keys.put("aws:PrincipalArn", caller.identity().arn())
                    .put("aws:PrincipalType", "Account")
                    .put("aws:userid", caller.accountId());
        }
        principal.ifPresent(p -> {
            keys.put("aws:PrincipalArn", p.principalArn())
                    .put("aws:PrincipalType", p.type())
                    .put("aws:userid", p.userId());
            if (!p.userName().isEmpty()) {
                keys.put("aws:username", p.userName());
            }
            p.tags().forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, value));
            p.tokenIssueTime().ifPresent(t -> keys.put("aws:TokenIssueTime", DateTimeFormatter.ISO_INSTANT.format(t)));
        });
        return keys;
    }

    /** The caller as a trust policy sees it. */
    static CallingPrincipal principal(Caller caller, Optional<PrincipalPolicies.Principal> principal) {
        if (caller.identity().root()) {
            return CallingPrincipal.accountRoot(caller.accountId());
        }
        String arn = caller.identity().arn();
        if (arn.startsWith("arn:aws:sts::")) {
            return CallingPrincipal.roleSession(caller.accountId(),
                    principal.map(PrincipalPolicies.Principal::principalArn).orElse(""), arn);
        }
        return CallingPrincipal.user(caller.accountId(), arn);
    }

    /** Whether the caller is itself a role session (so a role it assumes is chained). */
    static boolean isRoleSession(Caller caller) {
        return caller.identity().arn().startsWith("arn:aws:sts::");
    }

    static boolean isUser(Caller caller) {
        return IamArns.parse(caller.identity().arn(), "user").isPresent();
    }
}
