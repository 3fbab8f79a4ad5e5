package berth.iam.state;

import berth.iam.core.IamIds;
import berth.iam.core.Role;
import berth.iam.core.RoleSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Creates and stores role sessions: fresh temporary keys, durable until they expire. */
public final class SessionIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(SessionIssuer.class);

    private final SessionRecords sessions;
    private final IamIds ids;
    private final Clock clock;

    public SessionIssuer(SessionRecords sessions, IamIds ids, Clock clock) {
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a new session carries besides the role. */
    public record Terms(String sessionName, Duration duration, boolean sessionScoped, List<String> sessionPolicies,
                        Map<String, String> tags, List<String> transitiveTagKeys, String sourceIdentity,
                        boolean chained) {}

    public RoleSession issue(Role role, Terms terms) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RoleSession session = new RoleSession(ids.temporaryAccessKeyId(), ids.secretAccessKey(), ids.sessionToken(), now,
                now.plus(terms.duration()), role.accountId(), role.name(), role.path(), role.roleId(), terms.sessionName(),
                terms.sessionScoped(), terms.sessionPolicies(), terms.tags(), terms.transitiveTagKeys(), terms.sourceIdentity(), terms.chained());
        sessions.create(session);
        LOG.info("issued role session {} of {} ({}) until {}", session.accessKeyId(), session.roleArn(),
                session.sessionName(), session.expiration());
        return session;
    }
}
