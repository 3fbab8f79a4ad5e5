package berth.iam;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.CredentialSource;
import berth.aws.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Callers acting as a role that a service principal assumed for one resource (EventBridge runs a
 * rule's targets as their roles, EventBridge Scheduler a schedule's): a 15-minute session of the role
 * for the principal, the role's trust policy deciding with {@code aws:SourceArn} the resource and
 * {@code aws:SourceAccount} its account; a session is reused for five minutes per role and resource.
 */
public final class ServiceRoleCallers {
    private static final Duration SESSION = Duration.ofMinutes(15);
    private static final Duration REUSE = Duration.ofMinutes(5);

    private record Session(Caller caller, long until) {}

    private final String principal;
    private final Supplier<Optional<RoleCredentialsIssuer>> issuer;
    private final CredentialSource credentials;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** @param principal the service principal, e.g. {@code events.amazonaws.com} */
    public ServiceRoleCallers(String principal, Supplier<Optional<RoleCredentialsIssuer>> issuer, CredentialSource credentials,
                              Clock clock) {
        this.principal = principal;
        this.issuer = issuer;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * The role's caller for calls to {@code service} in {@code region}.
     *
     * @param sessionHint the start of the session name (an invocation or event id)
     * @throws AwsException AccessDeniedException (retryable) when the role cannot be assumed; 503 without IAM
     */
    public Caller of(String roleArn, String sourceArn, String sourceAccount, String region, String service, String sessionHint) {
        String key = roleArn + "|" + sourceArn;
        Session cached = sessions.get(key);
        long now = clock.millis();
        if (cached == null || cached.until() < now) {
            RoleCredentialsIssuer roles = issuer.get().orElseThrow(() ->
                    new AwsException(503, "ServiceUnavailable", "IAM is not running in this berth.", false));
            String name = principal.substring(0, principal.indexOf('.')) + "-" + sessionHint.replaceAll("[^\\w+=,.@-]", "");
            name = name.substring(0, Math.min(64, name.length()));
            RoleCredentialsIssuer.Result result = roles.issue(new RoleCredentialsIssuer.Request(roleArn, principal, name, SESSION,
                    sourceAccount, sourceArn));
            if (result instanceof RoleCredentialsIssuer.Refused refused) {
                throw new AwsException(403, "AccessDeniedException", refused.message(), true);
            }
            RoleCredentialsIssuer.TemporaryCredentials issued = ((RoleCredentialsIssuer.Issued) result).credentials();
            SigningKey signing = credentials.find(issued.accessKeyId())
                    .orElseThrow(() -> new AwsException(500, "InternalServerException", "role session not found", false));
            cached = new Session(new Caller(signing.identity(), issued.accessKeyId(), region, service), now + REUSE.toMillis());
            sessions.put(key, cached);
        }
        Caller caller = cached.caller();
        return new Caller(caller.identity(), caller.accessKeyId(), region, service);
    }
}
