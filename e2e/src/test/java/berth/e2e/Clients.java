package berth.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;

/** Real AWS SDK v2 clients pointed at berth. */
public final class Clients {
    private Clients() {}

    public static StsClient sts(URI endpoint, String key, String secret, String region) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static EcsClient ecs(URI endpoint, String key, String secret, String region) {
        return EcsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static EcsClient ecs(URI endpoint) {
        return ecs(endpoint, "test", "test", "us-east-1");
    }
}
