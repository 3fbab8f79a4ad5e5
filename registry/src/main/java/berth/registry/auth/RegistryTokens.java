package berth.registry.auth;

import berth.aws.Scope;

import java.time.Instant;
import java.util.Optional;

/**
 * Registry credentials as ECR hands them out: user {@code AWS}, a password that states (signed) an
 * account, a region and an expiry 12 hours out: GetAuthorizationToken issues them, the {@code /v2/}
 * endpoints check them. Agents obtain them over the wire, as any docker client does.
 */
public interface RegistryTokens {

    /**
     * Credentials for {@code docker login} and Basic authentication against the registry.
     *
     * @param proxyEndpoint the registry's address, e.g. {@code http://127.0.0.1:4566}
     */
    record Credentials(String username, String password, Instant expiresAt, String proxyEndpoint) {
        /** base64("AWS:" + password): GetAuthorizationToken's {@code authorizationToken}. */
        public String authorizationToken() {
            return java.util.Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The registry's {@code host:port}, as docker names it in image references. */
        public String registryHost() {
            return java.net.URI.create(proxyEndpoint).getAuthority();
        }
    }

    /**
     * Whom a valid password was issued to.
     *
     * @param scope the account it was issued to and the region it opens
     * @param principalArn the identity that asked for it (an account root, an IAM user or role)
     */
    record Holder(Scope scope, String principalArn, Instant expiresAt) {}

    /** Issues credentials that open the repositories of {@code scope}'s account in its region. */
    Credentials issue(Scope scope, String principalArn);

    /** The holder of {@code password}, when it is a password this berth issued and it has not expired. */
    Optional<Holder> verify(String password);
}
