package berth.agent.loop;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Registry sign-in for image pulls: an ECR authorization token (GetAuthorizationToken, the way ECS's
 * agent gets one) from the control plane's endpoint, kept until shortly before it expires.
 */
final class RegistryCredentials implements AutoCloseable {
    private final ExecutionRoles roles;

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final EcrClient ecr;
    private final Clock clock;
    private AuthorizationData cached;

    RegistryCredentials(AwsEndpoint endpoint, Clock clock, ExecutionRoles roles) {
        this.roles = roles;
        this.clock = clock;
        this.ecr = EcrClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(endpoint.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Credentials for pulling {@code image} for {@code taskArn}; fails with the registry's error when none
     * can be had. A task with an execution role signs in as that role, each time (pulls that need a
     * sign-in are rare: the image is pulled once per host).
     */
    Optional<RegistryAuth> forImage(String taskArn, ImageRef image) {
        if (roles.hasRole(taskArn)) {
            return auth(ecr.getAuthorizationToken(b -> b.overrideConfiguration(roles.of(taskArn)))
                    .authorizationData().get(0), image);
        }
        return forImage(image);
    }

    /** Credentials for pulling {@code image} as the agent itself. */
    synchronized Optional<RegistryAuth> forImage(ImageRef image) {
        Instant now = clock.instant();
        if (cached == null || cached.expiresAt() == null || now.plus(RENEW_BEFORE).isAfter(cached.expiresAt())) {
            cached = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0);
        }
        return auth(cached, image);
    }

    private static Optional<RegistryAuth> auth(AuthorizationData data, ImageRef image) {
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return Optional.of(new RegistryAuth(decoded.substring(0, colon), decoded.substring(colon + 1),
                image.registry()));
    }

    @Override
    public void close() {
        ecr.close();
    }
}
