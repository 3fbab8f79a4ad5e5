package berth.ecs.control;

import berth.agentwire.RoleCredentials;
import berth.ecs.core.task.Task;
import berth.iam.RoleCredentialsIssuer;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of the roles a task acts as (task role, execution role), obtained from IAM's
 * {@link RoleCredentialsIssuer} for {@code ecs-tasks.amazonaws.com} and kept until {@link #REFRESH_BEFORE}
 * their expiry, so every assignment batch carries valid ones and agents replace them in time.
 *
 * <p>The credentials id (and the authorization token) is an HMAC of the task and role ARNs under a random secret kept in the store
 * ({@value #SECRET_KIND}): unguessable by another task, yet the same after a control-plane restart, so the
 * {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} a running container holds stays valid.
 */
final class TaskRoleCredentials {
    static final String SECRET_KIND = "ecs.credentials-secret";
    /** Fresh credentials are obtained once the held ones expire within this. */
    static final Duration REFRESH_BEFORE = Duration.ofHours(1);

    /** The credentials, or the stopped reason of a task whose role cannot be assumed. */
    sealed interface Outcome permits Granted, Denied {}

    record Granted(RoleCredentials credentials) implements Outcome {}

    record Denied(String stoppedReason) implements Outcome {}

    private final Store store;
    private final Clock clock;
    private final Optional<RoleCredentialsIssuer> issuer;
    private final Map<String, RoleCredentials> held = new ConcurrentHashMap<>();
    private volatile byte[] secret;

    TaskRoleCredentials(Store store, Clock clock, Optional<RoleCredentialsIssuer> issuer) {
        this.store = store;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** The credentials of {@code roleArn} for {@code task}, obtained anew when none are held or they expire soon. */
    Outcome forTask(Task task, String roleArn) {
        String cacheKey = task.arn() + " " + roleArn;
        RoleCredentials current = held.get(cacheKey);
        Instant now = clock.instant();
        if (current != null && current.expiration().isAfter(now.plus(REFRESH_BEFORE))) {
            return new Granted(current);
        }
        if (issuer.isEmpty()) {
            return new Denied("ResourceInitializationError: unable to assume role " + roleArn
                    + ": IAM is not running in this berth.");
        }
        RoleCredentialsIssuer.Result result = issuer.get().issue(RoleCredentialsIssuer.Request.forEcsTask(
                roleArn, task.id(), task.accountId(), task.arn()));
        return switch (result) {
            case RoleCredentialsIssuer.Refused refused -> new Denied("ResourceInitializationError: unable to assume role "
                    + roleArn + " for ecs-tasks.amazonaws.com: " + refused.message());
            case RoleCredentialsIssuer.Issued issued -> {
                RoleCredentialsIssuer.TemporaryCredentials c = issued.credentials();
                RoleCredentials fresh = new RoleCredentials(digest("id", task.arn(), roleArn), roleArn,
                        c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration(),
                        digest("authorization", task.arn(), roleArn));
                held.put(cacheKey, fresh);
                yield new Granted(fresh);
            }
        };
    }

    /** Drops what is held for a task that is gone. */
    void forget(String taskArn) {
        held.keySet().removeIf(k -> k.startsWith(taskArn + " "));
    }

    /** HMAC of {@code purpose}, the task and the role under the stored secret, 144 bits in hex. */
    private String digest(String purpose, String taskArn, String roleArn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] digest = mac.doFinal((purpose + "\n" + taskArn + "\n" + roleArn).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 18);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known != null) {
            return known;
        }
        Optional<StoredRecord> stored = store.get(SECRET_KIND, "secret");
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                store.put(SECRET_KIND, "secret", HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.UTF_8),
                        Store.ABSENT);
            } catch (VersionConflict raced) {
                // another writer created it first: use theirs, read below
            }
            stored = store.get(SECRET_KIND, "secret");
        }
        known = HexFormat.of().parseHex(new String(stored.orElseThrow().value(), StandardCharsets.UTF_8));
        secret = known;
        return known;
    }
}
