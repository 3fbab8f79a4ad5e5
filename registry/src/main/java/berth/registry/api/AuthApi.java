package berth.registry.api;

import berth.aws.RequestContext;
import berth.registry.auth.RegistryTokens;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/** GetAuthorizationToken: registry credentials for the caller's account in the caller's region. */
final class AuthApi {
    private final RegistryTokens tokens;

    AuthApi(RegistryTokens tokens) {
        this.tokens = tokens;
    }

    GetAuthorizationTokenResponse token(GetAuthorizationTokenRequest request, RequestContext ctx) {
        for (String registryId : request.registryIds()) Targets.registry(ctx, registryId);
        RegistryTokens.Credentials credentials = tokens.issue(ctx.scope(), ctx.caller().identity().arn());
        AuthorizationData data = AuthorizationData.builder()
                .authorizationToken(credentials.authorizationToken())
                .expiresAt(credentials.expiresAt())
                .proxyEndpoint(credentials.proxyEndpoint()).build();
        return GetAuthorizationTokenResponse.builder().authorizationData(data).build();
    }
}
