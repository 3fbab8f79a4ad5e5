package berth.apprunner.core;

import berth.aws.Scope;
import java.time.Instant;

/**
 * An App Runner connection to a source code provider (GITHUB, BITBUCKET). Its handshake is made in
 * the provider's web flow, which berth cannot reach, so a connection stays PENDING_HANDSHAKE and no
 * service can build from it (berth builds from local git repositories).
 */
public record Connection(String accountId, String region, String name, String arn, String providerType, String status,
                         Instant createdAt) {
    public static final String PENDING_HANDSHAKE = "PENDING_HANDSHAKE";
    public static final String DELETED = "DELETED";

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public Connection deleted() {
        return new Connection(accountId, region, name, arn, providerType, DELETED, createdAt);
    }
}
