package berth.ecs.core.task;

import berth.aws.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A RunTask client token as remembered (kind {@code ecs.clienttoken}, key
 * {@code account/region/cluster/token}): a fingerprint of the request's parameters, the tasks it
 * started and the failures it reported. ECS scopes tokens to a cluster and keeps them
 * {@link #TIME_TO_LIVE}: within it, the same token with the same parameters returns the original
 * result; with other parameters it is a conflict. After it, the token is free again.
 */
public record ClientToken(String accountId, String region, String cluster, String token, String fingerprint,
                          List<String> taskArns, List<LaunchFailure> failures, Instant createdAt) {
    public static final Duration TIME_TO_LIVE = Duration.ofHours(24);

    public ClientToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        taskArns = List.copyOf(taskArns);
        failures = List.copyOf(failures);
    }

    /** What a request carrying a token must do. */
    public sealed interface Decision {
        /** Never used, or expired: run the request and remember the token. */
        record Fresh() implements Decision {}

        /** The same request again: answer with the original tasks and failures. */
        record Replay(ClientToken original) implements Decision {}

        /** The token was used with other parameters: ECS's ConflictException. */
        record Conflict(ClientToken original) implements Decision {}
    }

    /** The decision for a request with {@code fingerprint} when the token's record is {@code remembered}. */
    public static Decision decide(Optional<ClientToken> remembered, String fingerprint, Instant now) {
        if (remembered.isEmpty() || remembered.get().expired(now)) {
            return new Decision.Fresh();
        }
        return remembered.get().fingerprint().equals(fingerprint) ? new Decision.Replay(remembered.get())
                : new Decision.Conflict(remembered.get());
    }

    public boolean expired(Instant now) {
        return !now.isBefore(createdAt.plus(TIME_TO_LIVE));
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** The store key of this token: {@code account/region/cluster/token}. */
    public String key() {
        return scope().key(cluster + "/" + token);
    }

    /** The fingerprint of a request's parameters in a canonical text form (everything but the token itself). */
    public static String fingerprintOf(String canonicalParameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalParameters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
