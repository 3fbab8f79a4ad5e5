package berth.iam.state;

import berth.aws.CredentialSource;
import berth.aws.Identity;
import berth.aws.SigningKey;
import berth.iam.core.RoleSession;
import berth.iam.core.User;

import berth.platform.RecordTable.Versioned;
import java.util.Optional;

/**
 * The access keys IAM and STS issued, for signature verification: IAM users' active long-term keys
 * ({@code AKIA…}) and role sessions' temporary keys ({@code ASIA…}, with their session token and
 * expiry). Lookups are cached until the next IAM or STS change.
 */
public final class StoredCredentials implements CredentialSource {
    private final IamRecords iam;
    private final SessionRecords sessions;
    private final GenerationCache<String, SigningKey> cache = new GenerationCache<>(10_000);

    public StoredCredentials(IamRecords iam, SessionRecords sessions) {
        this.iam = iam;
        this.sessions = sessions;
    }

    @Override
    public Optional<SigningKey> find(String accessKeyId) {
        if (accessKeyId.startsWith("AKIA")) {
            return cache.get(accessKeyId, this::userKey);
        }
        if (accessKeyId.startsWith("ASIA")) {
            return cache.get(accessKeyId, this::sessionKey);
        }
        return Optional.empty();
    }

    /** Forgets every cached key; the next lookup reads the store. */
    public void invalidate() {
        cache.invalidate();
    }

    private Optional<SigningKey> userKey(String accessKeyId) {
        return iam.keyOwner(accessKeyId)
                .flatMap(owner -> iam.user(owner.accountId(), owner.userName()))
                .map(Versioned::value)
                .flatMap(user -> user.accessKeys().stream()
                        .filter(k -> k.accessKeyId().equals(accessKeyId) && k.active())
                        .findFirst()
                        .map(k -> new SigningKey(accessKeyId, k.secretAccessKey(), "", Long.MAX_VALUE, identity(user))));
    }

    private Optional<SigningKey> sessionKey(String accessKeyId) {
        return sessions.find(accessKeyId).map(StoredCredentials::signingKey);
    }

    public static Identity identity(User user) {
        return new Identity(user.accountId(), user.arn(), user.userId(), false);
    }

    public static Identity identity(RoleSession session) {
        return new Identity(session.accountId(), session.assumedRoleArn(), session.assumedRoleId(), false);
    }

    private static SigningKey signingKey(RoleSession session) {
        return new SigningKey(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(),
                session.expiration().toEpochMilli(), identity(session));
    }
}
