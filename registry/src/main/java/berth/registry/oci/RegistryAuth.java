package berth.registry.oci;

import berth.aws.Scope;
import berth.registry.auth.RegistryTokens;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is calling the registry endpoint, and whose registry they are addressing. Callers present
 * the credentials of {@code aws ecr get-login-password} with HTTP Basic authentication (user
 * {@code AWS}). The registry addressed is the caller's own account in the token's region, unless the
 * Host names another one the way ECR does ({@code <account>.dkr.ecr.<region>.<anything>}).
 */
final class RegistryAuth {
    private static final Pattern REGISTRY_HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\..+");

    private final RegistryTokens tokens;
    private final Supplier<String> realm;

    RegistryAuth(RegistryTokens tokens, Supplier<String> realm) {
        this.tokens = tokens;
        this.realm = realm;
    }

    /** An authenticated caller: whose token it holds and which registry (account, in the token's region) it addresses. */
    record Caller(RepositoryPolicy.Principal principal, Scope registry) {
        RepositoryId repository(String name) {
            return new RepositoryId(registry, name);
        }

        boolean ownRegistry() {
            return principal.accountId().equals(registry.accountId());
        }
    }

    /** The caller, or the 401/403 error to answer with. */
    Caller authenticate(RequestHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw challenge(OciError.unauthorized("authentication required"));
        }
        Optional<RegistryTokens.Holder> holder = basicPassword(authorization).flatMap(tokens::verify);
        if (holder.isEmpty()) {
            throw challenge(OciError.unauthorized("the credentials are invalid or expired; log in again with"
                    + " 'aws ecr get-login-password | docker login --username AWS --password-stdin'"));
        }
        RegistryTokens.Holder h = holder.get();
        Scope registry = h.scope();
        String host = headers.authority() == null ? "" : headers.authority();
        Matcher m = REGISTRY_HOST.matcher(host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host);
        if (m.matches()) {
            if (!m.group(2).equals(registry.region())) {
                throw OciError.denied("the login token is for region " + registry.region() + "; this registry is in " + m.group(2));
            }
            registry = new Scope(m.group(1), registry.region());
        }
        return new Caller(new RepositoryPolicy.Principal(h.scope().accountId(), h.principalArn()), registry);
    }

    OciError challenge(OciError error) {
        return error.withHeader("WWW-Authenticate", "Basic realm=\"" + realm.get() + "\",service=\"ecr.amazonaws.com\"");
    }

    private static Optional<String> basicPassword(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals("AWS")) return Optional.empty();
        return Optional.of(decoded.substring(colon + 1));
    }
}
